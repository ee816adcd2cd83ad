using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Services;

namespace OpdReception.Simulation;

/// <summary>The real services, all reading the same settable clock: what a day is played through.</summary>
public sealed record OpdDesk(ManualClock Clock, DoctorService Doctors, SlotService Slots, TokenService Tokens)
{
    public static OpdDesk Create(IDbContextFactory<OpdDbContext> factory, IOptionsMonitor<OpdOptions> options, OpdChanges changes, ManualClock clock) =>
        new(clock, new DoctorService(factory, changes), new SlotService(factory, clock, options, changes), new TokenService(factory, clock, options, changes));
}
