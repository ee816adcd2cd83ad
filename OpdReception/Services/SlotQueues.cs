using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>Loads a slot with everything its queue needs and arranges it through the rules.</summary>
internal static class SlotQueues
{
    /// <summary>
    /// Two queries, not one: SQLite cannot flatten the LEFT JOIN that a single Include of tokens with their patients
    /// becomes, and would join every token on record to its patient before picking this slot's. Loaded apart, the
    /// tokens are found through their slot's index and the cost stays the slot's, whatever the size of the history.
    /// </summary>
    public static async Task<Slot?> LoadAsync(OpdDbContext db, int slotId, CancellationToken ct)
    {
        var slot = await db.Slots.Include(s => s.Doctor).FirstOrDefaultAsync(s => s.Id == slotId, ct);
        if (slot is not null)
        {
            // Tracked, so the context attaches them to slot.Tokens.
            await db.Tokens.Include(t => t.Patient).Where(t => t.SlotId == slotId).LoadAsync(ct);
        }

        return slot;
    }

    /// <summary>What a status change decides on: the slot and its tokens, without patients or doctor.</summary>
    public static Task<Slot?> LoadForChangeAsync(OpdDbContext db, int slotId, CancellationToken ct) =>
        db.Slots.Include(s => s.Tokens).FirstOrDefaultAsync(s => s.Id == slotId, ct);

    /// <summary>
    /// One token as a desk sees it. Its position needs only the slot's queue keys, not every patient in it,
    /// so a busy slot costs a narrow query rather than loading the whole queue.
    /// </summary>
    public static async Task<TokenView?> ViewAsync(OpdDbContext db, int tokenId, DateTime now, bool withHistory, CancellationToken ct)
    {
        IQueryable<Token> query = db.Tokens.AsNoTracking().Include(t => t.Patient).Include(t => t.Slot).ThenInclude(s => s.Doctor);
        if (withHistory)
        {
            query = query.Include(t => t.History);
        }

        var token = await query.FirstOrDefaultAsync(t => t.Id == tokenId, ct);
        if (token is null)
        {
            return null;
        }

        var state = await db.Slots.Where(s => s.Id == token.SlotId).Select(Projections.SlotState).SingleAsync(ct);
        var entries = await db.Tokens.Where(t => t.SlotId == token.SlotId)
            .Select(t => new QueueEntry(t.Id, t.Status, t.PriorityScore, t.QueuedAt))
            .ToListAsync(ct);
        var place = Queue.Arrange(state, entries, token.Slot.MinutesPerConsultation, now).FirstOrDefault(p => p.TokenId == tokenId);
        return token.ToView(token.Slot, place, withHistory);
    }

    public static IReadOnlyDictionary<int, QueuePlace> Places(Slot slot, DateTime now) =>
        Queue.Arrange(slot.ToState(), slot.Tokens.Select(t => t.ToEntry()), slot.MinutesPerConsultation, now)
            .ToDictionary(p => p.TokenId);

    public static TokenView View(Slot slot, Token token, DateTime now) =>
        token.ToView(slot, Places(slot, now).GetValueOrDefault(token.Id));

    /// <summary>The active tokens in queue order: the patient with the doctor first, then the waiting line.</summary>
    public static QueueView Build(Slot slot, DateTime now)
    {
        var places = Queue.Arrange(slot.ToState(), slot.Tokens.Select(t => t.ToEntry()), slot.MinutesPerConsultation, now);
        var tokens = slot.Tokens.ToDictionary(t => t.Id);
        return new QueueView(slot.ToView(), places.Select(p => tokens[p.TokenId].ToView(slot, p)).ToList());
    }
}
