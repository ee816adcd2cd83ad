namespace OpdReception.Domain;

public abstract record RemovalDecision;

/// <summary>No history at all: the doctor may be deleted outright.</summary>
public sealed record DeleteOutright : RemovalDecision;

/// <summary>History to keep: the doctor is deactivated, and these open slots ahead (none holding a patient) are cancelled.</summary>
public sealed record Deactivate(IReadOnlyList<int> SlotsToCancel) : RemovalDecision;

public sealed record RemovalRefused(string Reason) : RemovalDecision;

/// <param name="Id">The slot.</param>
/// <param name="PatientsWaiting">Active tokens in it (waiting, checked in, with the doctor).</param>
/// <param name="OpenAhead">Takes tokens and is not over.</param>
/// <param name="Cancelled">The slot is cancelled: its active tokens await a new slot until their day closes.</param>
public sealed record DoctorSlot(int Id, int TokensEver, int PatientsWaiting, bool OpenAhead, bool Cancelled = false);

/// <summary>Taking a doctor off the list. Pure: the caller reads the doctor's slots and linked accounts.</summary>
public static class DoctorRules
{
    public static RemovalDecision Remove(IReadOnlyList<DoctorSlot> slots, bool alreadyInactive)
    {
        if (alreadyInactive)
        {
            return new RemovalRefused("The doctor is already deactivated.");
        }

        var waiting = slots.Sum(s => s.PatientsWaiting);
        if (waiting > 0)
        {
            // Bookings of a cancelled slot block only until their day closes; the admin is told so, not left guessing.
            var unplaced = slots.Where(s => s.Cancelled).Sum(s => s.PatientsWaiting);
            return new RemovalRefused($"{waiting} patient(s) still hold active tokens with this doctor; reallocate or cancel them first."
                + (unplaced > 0
                    ? $" {unplaced} of them are in cancelled slots awaiting a new slot; those not rebooked are cancelled when their day closes."
                    : ""));
        }

        return slots.Any(s => s.TokensEver > 0)
            ? new Deactivate(slots.Where(s => s.OpenAhead).Select(s => s.Id).ToList())
            : new DeleteOutright();
    }
}
