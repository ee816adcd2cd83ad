using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>Loads a slot with everything its queue needs and arranges it through the rules.</summary>
internal static class SlotQueues
{
    public static Task<Slot?> LoadAsync(OpdDbContext db, int slotId, CancellationToken ct) =>
        db.Slots
            .Include(s => s.Doctor)
            .Include(s => s.Tokens).ThenInclude(t => t.Patient)
            .AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == slotId, ct);

    public static IReadOnlyDictionary<int, QueuePlace> Places(Slot slot, DateTime now) =>
        Queue.Arrange(slot.ToState(), slot.Tokens.Select(t => t.ToEntry()), slot.MinutesPerConsultation, now)
            .ToDictionary(p => p.TokenId);

    public static TokenView View(Slot slot, Token token, DateTime now, bool withHistory = false) =>
        token.ToView(slot, Places(slot, now).GetValueOrDefault(token.Id), withHistory);

    /// <summary>The active tokens in queue order: the patient with the doctor first, then the waiting line.</summary>
    public static QueueView Build(Slot slot, DateTime now)
    {
        var places = Queue.Arrange(slot.ToState(), slot.Tokens.Select(t => t.ToEntry()), slot.MinutesPerConsultation, now);
        var tokens = slot.Tokens.ToDictionary(t => t.Id);
        return new QueueView(slot.ToView(), places.Select(p => tokens[p.TokenId].ToView(slot, p)).ToList());
    }
}
