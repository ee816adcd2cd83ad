using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class DoctorRulesTests
{
    [Fact]
    public void A_doctor_without_history_is_deleted_outright() =>
        Assert.IsType<DeleteOutright>(DoctorRules.Remove([new DoctorSlot(1, 0, 0, true)], alreadyInactive: false));

    [Fact]
    public void A_doctor_with_history_is_deactivated_and_their_open_slots_ahead_cancelled()
    {
        var slots = new[] { new DoctorSlot(1, 5, 0, false), new DoctorSlot(2, 0, 0, true), new DoctorSlot(3, 0, 0, false) };
        var deactivate = Assert.IsType<Deactivate>(DoctorRules.Remove(slots, alreadyInactive: false));
        Assert.Equal([2], deactivate.SlotsToCancel);
    }

    [Fact]
    public void Patients_still_waiting_stop_the_removal()
    {
        var refused = Assert.IsType<RemovalRefused>(DoctorRules.Remove([new DoctorSlot(1, 3, 2, true)], alreadyInactive: false));
        Assert.Contains("2 patient(s)", refused.Reason);
    }

    [Fact]
    public void Bookings_of_a_cancelled_slot_stop_the_removal_until_their_day_closes_and_the_refusal_says_so()
    {
        var refused = Assert.IsType<RemovalRefused>(DoctorRules.Remove([new DoctorSlot(1, 3, 2, false, Cancelled: true)], alreadyInactive: false));

        Assert.Contains("2 of them are in cancelled slots awaiting a new slot", refused.Reason);
        Assert.Contains("cancelled when their day closes", refused.Reason);
    }

    [Fact]
    public void A_deactivated_doctor_is_not_deactivated_twice() =>
        Assert.IsType<RemovalRefused>(DoctorRules.Remove([], alreadyInactive: true));
}
