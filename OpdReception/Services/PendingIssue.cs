using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>An issue request waiting for the writer, and where its answer goes once its batch is on disk.</summary>
internal sealed class PendingIssue(IssueRequest request, Actor by, IssueKey? key, string hash, Func<DateTime> now, CancellationToken ct)
{
    /// <summary>The hospital's clock of the service that asked, read by the writer when the request's turn comes.</summary>
    public Func<DateTime> Now => now;

    public IssueRequest Request => request;

    public Actor By => by;

    public IssueKey? Key => key;

    public string Hash => hash;

    public CancellationToken Cancellation => ct;

    /// <summary>Continuations run off the writer, so a caller's work never holds up the next batch.</summary>
    public TaskCompletionSource<IssueOutcome> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// The changes to announce once a request is acknowledged, and its answer: known in the writer, or read after the
/// commit by the caller when it only needs the doctor's day, so that read keeps the writer waiting for nothing.
/// </summary>
internal sealed record IssueOutcome(Func<Task<Result<IssuedToken>>> Answer, IReadOnlyList<OpdChange> Changes)
{
    public static IssueOutcome Known(Result<IssuedToken> answer, IReadOnlyList<OpdChange> changes) => new(() => Task.FromResult(answer), changes);
}

/// <summary>The doctors' days a batch touched, each read once after its commit, by whichever of its answers needs it first.</summary>
internal sealed class BatchDays(IDbContextFactory<OpdDbContext> factory, Func<DateTime> now, PriorityWeights weights)
{
    private readonly ConcurrentDictionary<(int DoctorId, DateOnly Date), Lazy<Task<DayTimeline>>> _days = new();

    public Task<DayTimeline> GetAsync(int doctorId, DateOnly date) =>
        _days.GetOrAdd((doctorId, date), day => new Lazy<Task<DayTimeline>>(() => ReadAsync(day.DoctorId, day.Date))).Value;

    private async Task<DayTimeline> ReadAsync(int doctorId, DateOnly date)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await SlotQueues.DayAsync(db, doctorId, date, now(), weights, CancellationToken.None);
    }
}
