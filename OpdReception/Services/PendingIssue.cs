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

/// <summary>
/// The doctors' days a batch touched, read together once after its commit, by whichever of its answers needs them
/// first: two statements for the whole batch, however many doctors it spread over.
/// </summary>
internal sealed class BatchDays
{
    private readonly HashSet<(int DoctorId, DateOnly Date)> _wanted = [];
    private readonly Lazy<Task<Dictionary<(int DoctorId, DateOnly Date), DayTimeline>>> _read;

    // SQLite reads run synchronously underneath their async methods: started inside the Lazy, the read would hold
    // its lock, and every other answer of the batch would block a pool thread waiting for it. Started as a task of its
    // own, the Lazy only creates it, and the answers await it without holding a thread.
    public BatchDays(IDbContextFactory<OpdDbContext> factory, Func<DateTime> now, PriorityWeights weights, EstimateOptions estimates) =>
        _read = new(() => Task.Run(async () =>
        {
            await using var db = await factory.CreateDbContextAsync();
            return await SlotQueues.DaysAsync(db, _wanted, now(), weights, estimates, CancellationToken.None);
        }));

    /// <summary>Names a day to read; every day is named before the batch commits and any answer asks.</summary>
    public void Want(int doctorId, DateOnly date) => _wanted.Add((doctorId, date));

    public async Task<DayTimeline> GetAsync(int doctorId, DateOnly date) =>
        (await _read.Value).TryGetValue((doctorId, date), out var day)
            ? day
            : throw new InvalidOperationException($"The day of doctor {doctorId} on {date:yyyy-MM-dd} was not named before the batch was answered.");
}

/// <summary>What a batch writes its patients' messages with: the templates read in its transaction, and the settings.</summary>
internal sealed record IssueMessages(TemplateBook Book, NotificationOptions Settings);
