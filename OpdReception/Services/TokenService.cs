using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// The only place a token is written. Each operation: one short-lived context, one transaction (SQLite's
/// BEGIN IMMEDIATE, so writers queue one behind the other), read, ask the rules, write, announce.
/// </summary>
public sealed partial class TokenService(
    IDbContextFactory<OpdDbContext> factory,
    HospitalClock clock,
    IOptionsMonitor<OpdOptions> options,
    OpdChanges changes,
    IssueWriter writer)
{
    private OpdOptions Settings => options.CurrentValue;

    private DateTime Now() => clock.Now;

    public async Task<Result<TokenView>> GetAsync(int tokenId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var view = await SlotQueues.ViewAsync(db, tokenId, Now(), Settings.Weights, withHistory: true, ct);
        return view is null ? OpdProblem.NotFound("Token", tokenId) : view;
    }

    /// <summary>
    /// One query for the patient's tokens through their index; only a token still waiting needs its slot's queue
    /// for a position, so a long history costs its own rows and nothing more.
    /// </summary>
    public async Task<IReadOnlyList<TokenView>> ByPatientAsync(string patientId, CancellationToken ct = default)
    {
        patientId = patientId.Trim().ToUpperInvariant();
        await using var db = await factory.CreateDbContextAsync(ct);
        var tokens = await db.Tokens.AsNoTracking()
            .Include(t => t.Patient).Include(t => t.Slot).ThenInclude(s => s.Doctor)
            .Where(t => t.PatientId == patientId)
            .ToListAsync(ct);
        var views = new List<TokenView>();
        foreach (var token in tokens)
        {
            views.Add(token.Status.IsActive()
                ? (await SlotQueues.ViewAsync(db, token.Id, Now(), Settings.Weights, withHistory: false, ct))!
                : token.ToView(token.Slot, null));
        }

        return views.OrderByDescending(v => v.CreatedAt).ToList();
    }

    public async Task<Result<QueueView>> QueueAsync(int slotId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var slot = await SlotQueues.SlotWithDoctor(db, slotId, ct);
        if (slot is null)
        {
            return OpdProblem.NotFound("Slot", slotId);
        }

        // The positions are the doctor's day's, so the day is read; only this slot's tokens are shown.
        var day = await SlotQueues.ScreenAsync(db, slot.DoctorId, slot.Date, Now(), Settings.Weights, ct);
        return new QueueView(day.SlotView(slot)!, day.Views(slot.Doctor.Name, slotId));
    }

    internal static TokenEvent Event(Token token, DateTime at, string action, TokenStatus? from, Actor by, string? reason) => new()
    {
        At = at,
        Action = action,
        FromStatus = from,
        ToStatus = token.Status,
        SlotId = token.SlotId,
        TokenNumber = token.TokenNumber,
        By = by.Name,
        ByUserId = by.UserId,
        Reason = reason,
    };
}
