using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Tests.Support;

/// <summary>Writes outbox rows as the events' code does (a row per message, Queued and due at once), for the delivery tests.</summary>
public static class OutboxRows
{
    /// <summary>A token-issued message by default: it stays worth sending all the token's day, whatever its status.</summary>
    public static OutboxMessage Message(int tokenId, DateTime createdAt, string text = "Token A001: please go to Room 101 now.",
        MessageChannel channel = MessageChannel.Webhook, string? recipient = null, string language = "en",
        PatientMessageEvent what = PatientMessageEvent.TokenIssued, MessageState state = MessageState.Queued) => new()
    {
        MessageId = Guid.NewGuid().ToString(),
        Event = what,
        TokenId = tokenId,
        TokenNumber = "A001",
        Channel = channel,
        Recipient = recipient ?? (channel == MessageChannel.Email ? "asha.verma@example.org" : "+919876543210"),
        Language = language,
        Text = text,
        TemplateId = channel == MessageChannel.Webhook ? "1107161234567890123" : null,
        CreatedAt = createdAt,
        State = state,
        NextAttemptAt = createdAt,
    };

    public static async Task<IReadOnlyList<OutboxMessage>> AddAsync(IDbContextFactory<OpdDbContext> factory, params OutboxMessage[] messages)
    {
        await using var db = await factory.CreateDbContextAsync();
        db.OutboxMessages.AddRange(messages);
        await db.SaveChangesAsync();
        return messages;
    }

    /// <summary>Straight into a database file another process (the app under test) has open.</summary>
    public static async Task<IReadOnlyList<OutboxMessage>> AddToFileAsync(string databaseFile, params OutboxMessage[] messages)
    {
        await using var db = Open(databaseFile);
        db.OutboxMessages.AddRange(messages);
        await db.SaveChangesAsync();
        return messages;
    }

    public static async Task<List<OutboxMessage>> ReadFileAsync(string databaseFile)
    {
        await using var db = Open(databaseFile);
        return await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    public static async Task<List<OutboxMessage>> ReadAsync(IDbContextFactory<OpdDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    private static OpdDbContext Open(string databaseFile) =>
        new(new DbContextOptionsBuilder<OpdDbContext>().UseSqlite($"Data Source={databaseFile};Default Timeout=30").Options);
}
