using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Services;

namespace OpdReception.Simulation;

/// <summary>
/// The real services, all reading the same settable clock: what a day is played through. The database itself is
/// here only for the end-of-day report, which reads the stored rows directly so its check does not go through the
/// services it is checking.
/// </summary>
public sealed record OpdDesk(
    ManualClock Clock,
    DoctorService Doctors,
    SlotService Slots,
    TokenQueries TokenQueries,
    IssueToken IssueToken,
    ChangeTokenStatus ChangeTokenStatus,
    CallNext CallNext,
    ReallocateSlot ReallocateSlot,
    SweepNoShows SweepNoShows,
    CloseFinishedDays CloseFinishedDays,
    IDbContextFactory<OpdDbContext> Database)
{
    /// <summary>The services read the hospital's clock in the manual clock's own zone, so both tell the same wall time.</summary>
    public static OpdDesk Create(IDbContextFactory<OpdDbContext> factory, IOptionsMonitor<OpdOptions> options, OpdChanges changes, ManualClock clock)
    {
        var hospital = new HospitalClock(clock, clock.LocalTimeZone);
        // The simulation writes its patients' messages as the app would, worded by the default settings.
        var outbox = new PatientOutbox(() => new NotificationOptions(), options);
        var changeStatus = new ChangeTokenStatus(factory, hospital, options, changes, outbox);
        return new(
            clock,
            new DoctorService(factory, changes, hospital),
            new SlotService(factory, hospital, options, changes, outbox),
            new TokenQueries(factory, hospital, options, Options.Create(new Services.Messages.MessageDeliveryOptions())),
            new IssueToken(hospital, changes, new IssueWriter(factory, options, outbox)),
            changeStatus,
            new CallNext(factory, hospital, options, changeStatus),
            new ReallocateSlot(factory, hospital, options, changes, outbox),
            new SweepNoShows(factory, hospital, options, changes),
            new CloseFinishedDays(factory, hospital, options, changes),
            factory);
    }
}
