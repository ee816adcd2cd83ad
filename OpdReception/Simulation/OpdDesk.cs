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
public sealed record OpdDesk(ManualClock Clock, DoctorService Doctors, SlotService Slots, TokenService Tokens, IDbContextFactory<OpdDbContext> Database)
{
    public static OpdDesk Create(IDbContextFactory<OpdDbContext> factory, IOptionsMonitor<OpdOptions> options, OpdChanges changes, ManualClock clock) =>
        new(clock, new DoctorService(factory, changes), new SlotService(factory, clock, options, changes), new TokenService(factory, clock, options, changes), factory);
}
