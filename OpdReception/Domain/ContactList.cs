namespace OpdReception.Domain;

/// <summary>Why the desk must call a patient.</summary>
public enum ContactReason { SlotCancelled, DoctorOnLeave, MovedToAnotherDay }

/// <summary>What a line of a token's history means to the "to contact" list.</summary>
public enum ContactStepKind
{
    /// <summary>Moved over the patient's head: by a leave, a slot cancelled or a reallocation.</summary>
    Reallocated,

    /// <summary>A leave or a slot cancelled found no colleague's slot for the patient; the token stays in the cancelled slot.</summary>
    LeftInCancelledSlot,

    /// <summary>The desk moved the patient to a slot it chose.</summary>
    DeskMove,

    /// <summary>The desk reached the patient and wrote down what was agreed.</summary>
    Contacted,

    Other,
}

/// <param name="OldSlotCancelled">The slot the token was in before this step is cancelled.</param>
/// <param name="OldDoctorOnLeave">The doctor of that slot is on leave on its date.</param>
/// <param name="OtherDay">This step took the token to another date.</param>
public sealed record ContactStep(ContactStepKind Kind, bool OldSlotCancelled = false, bool OldDoctorOnLeave = false, bool OtherDay = false);

public abstract record ContactDecision;

public sealed record NobodyToContact : ContactDecision;

/// <param name="Step">The history step that put the patient on the list; none when only the token's slot as it stands says so.</param>
public sealed record ToContact(ContactReason Reason, int? Step) : ContactDecision;

/// <summary>
/// The "to contact" list: a patient whose plan was changed over their head (slot cancelled, doctor on leave, moved
/// to another day) stays on it until the desk moves them, cancels their token or marks them contacted. The list is
/// read from the token's history, so it needs no flag of its own and never drifts from what happened.
/// </summary>
public static class ContactList
{
    /// <param name="steps">The active token's history, oldest first.</param>
    /// <param name="slotCancelled">The token's slot as it stands is cancelled.</param>
    /// <param name="doctorOnLeave">The doctor of that slot is on leave on its date.</param>
    public static ContactDecision Decide(IReadOnlyList<ContactStep> steps, bool slotCancelled, bool doctorOnLeave)
    {
        ToContact? pending = null;
        var lastMove = -1;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            switch (step.Kind)
            {
                case ContactStepKind.Reallocated:
                    lastMove = i;
                    pending = Cause(step) is { } cause ? new ToContact(cause, i) : pending;
                    break;
                case ContactStepKind.LeftInCancelledSlot:
                    pending = new ToContact(step.OldDoctorOnLeave ? ContactReason.DoctorOnLeave : ContactReason.SlotCancelled, i);
                    break;
                case ContactStepKind.DeskMove:
                    lastMove = i;

                    // A desk move out of trouble is the desk handling it; a move to another day out of the blue is news to the patient.
                    var handling = pending is not null || step.OldSlotCancelled || step.OldDoctorOnLeave;
                    pending = handling ? null : step.OtherDay ? new ToContact(ContactReason.MovedToAnotherDay, i) : null;
                    break;
                case ContactStepKind.Contacted:
                    pending = null;
                    break;
            }
        }

        if (pending is not null)
        {
            return pending;
        }

        // A slot cancelled or a leave taken by a path that wrote no history line still strands the patient, unless
        // the desk has been in touch since the token came into this slot.
        var contactedSince = steps.Skip(lastMove + 1).Any(s => s.Kind == ContactStepKind.Contacted);
        return (slotCancelled || doctorOnLeave) && !contactedSince
            ? new ToContact(doctorOnLeave ? ContactReason.DoctorOnLeave : ContactReason.SlotCancelled, null)
            : new NobodyToContact();
    }

    private static ContactReason? Cause(ContactStep step) =>
        step.OldDoctorOnLeave ? ContactReason.DoctorOnLeave
        : step.OldSlotCancelled ? ContactReason.SlotCancelled
        : step.OtherDay ? ContactReason.MovedToAnotherDay
        : null;
}
