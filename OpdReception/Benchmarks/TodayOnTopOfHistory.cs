using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Simulation;

namespace OpdReception.Benchmarks;

/// <summary>One operation of a desk or a doctor, run again and again by the benchmark and once by the query-plan test.</summary>
public sealed record DeskOperation(string Name, Func<int, Task> Run);

/// <summary>
/// Today's work for one doctor, set up through the services on whatever the database already holds: a slot with a
/// queue of 20, a big slot to issue into, a full slot that refuses and names the next, and a returning patient.
/// The same operations are timed by the benchmark and have their query plans checked by a test, on an empty and on
/// a year-old database.
/// </summary>
public sealed class TodayOnTopOfHistory
{
    /// <summary>A patient of the history (<see cref="YearOfHistory"/>) who comes back today.</summary>
    public const string ReturningPatient = YearOfHistory.FirstPatientId;

    public const string ReturningPatientName = "History Patient 1";

    private readonly OpdDesk _desk;

    private TodayOnTopOfHistory(OpdDesk desk, DateOnly day, int doctorId, int queueSlot, int issueSlot, int fullSlot, int token)
    {
        _desk = desk;
        Day = day;
        DoctorId = doctorId;
        QueueSlot = queueSlot;
        IssueSlot = issueSlot;
        FullSlot = fullSlot;
        Token = token;
    }

    public DateOnly Day { get; }

    public int DoctorId { get; }

    public int QueueSlot { get; }

    public int IssueSlot { get; }

    public int FullSlot { get; }

    /// <summary>The returning patient's token today, waiting in the queue slot.</summary>
    public int Token { get; }

    public static async Task<TodayOnTopOfHistory> SetUpAsync(OpdDesk desk, DateOnly day, CancellationToken ct)
    {
        var doctor = Must(await desk.Doctors.CreateAsync(new DoctorRequest("Dr. Today", "General Medicine", Enum.GetNames<DayOfWeek>(), "7"), "benchmark", ct));
        var full = Must(await desk.Slots.CreateAsync(new SlotRequest(doctor.Id, day, new TimeOnly(9, 0), new TimeOnly(10, 0), 2, 10), ct));
        var queue = Must(await desk.Slots.CreateAsync(new SlotRequest(doctor.Id, day, new TimeOnly(10, 0), new TimeOnly(13, 0), 40, 5), ct));
        var issue = Must(await desk.Slots.CreateAsync(new SlotRequest(doctor.Id, day, new TimeOnly(14, 0), new TimeOnly(17, 0), 500, 1), ct));
        await using (var db = await desk.Database.CreateDbContextAsync(ct))
        {
            // The empty database's run has no history: the returning patient's record is all it keeps of one.
            if (!await db.Patients.AnyAsync(p => p.Id == ReturningPatient, ct))
            {
                db.Patients.Add(new Patient { Id = ReturningPatient, Name = ReturningPatientName });
                await db.SaveChangesAsync(ct);
            }
        }

        var token = Must(await desk.IssueToken.IssueAsync(new IssueRequest(queue.Id, TokenSource.WalkIn, ReturningPatient, ReturningPatientName, null), "benchmark", ct));
        for (var i = 1; i < 20; i++)
        {
            var source = (TokenSource)(i % 5);
            Must(await desk.IssueToken.IssueAsync(new IssueRequest(queue.Id, source, null, "Queue Patient", null, NewPatient: true), "benchmark", ct));
        }

        for (var i = 0; i < 2; i++)
        {
            Must(await desk.IssueToken.IssueAsync(new IssueRequest(full.Id, TokenSource.Online, null, "Full Patient", null, NewPatient: true), "benchmark", ct));
        }

        return new TodayOnTopOfHistory(desk, day, doctor.Id, queue.Id, issue.Id, full.Id, token.Id);
    }

    /// <summary>Reads and writes whose cost must not grow with the size of the database.</summary>
    public IReadOnlyList<DeskOperation> Operations(CancellationToken ct) =>
    [
        new("read a slot's queue (20 tokens)", _ => Must(_desk.TokenQueries.QueueAsync(QueueSlot, ct))),
        new("read a doctor's day queue", _ => Must(_desk.TokenQueries.DayQueueAsync(DoctorId, Day, ct))),
        new("read one token with its history", _ => Must(_desk.TokenQueries.GetAsync(Token, ct))),
        new("tokens of one returning patient", async _ => await _desk.TokenQueries.ByPatientAsync(ReturningPatient, ct)),
        new("issue a token", _ => Must(_desk.IssueToken.IssueAsync(
            new IssueRequest(IssueSlot, TokenSource.Online, null, "New Patient", null, NewPatient: true), "benchmark", ct))),
        new("check in, call from the day queue, complete", async _ =>
        {
            var booked = await _desk.IssueToken.IssueAsync(
                new IssueRequest(IssueSlot, TokenSource.Online, null, "Seen Patient", null, NewPatient: true), "benchmark", ct);
            await Must(_desk.ChangeTokenStatus.CheckInAsync(booked.Value!.Id, "benchmark", ct));
            var called = Must(await _desk.CallNext.CallNextForDoctorAsync(DoctorId, Day, "benchmark", ct));
            await Must(_desk.ChangeTokenStatus.ChangeStatusAsync(called.Id, TokenStatus.Completed, null, "benchmark", ct));
        }),
        new("refuse a token in a full slot, naming the next", async _ =>
        {
            var refused = await _desk.IssueToken.IssueAsync(new IssueRequest(FullSlot, TokenSource.WalkIn, null, "Refused Patient", null, NewPatient: true), "benchmark", ct);
            if (refused.IsOk || refused.Problem!.Extensions?.GetValueOrDefault("alternativeSlotId") is null)
            {
                throw new InvalidOperationException("The full slot should refuse and name the next slot with room.");
            }
        }),
    ];

    private static T Must<T>(Result<T> result) =>
        result.IsOk ? result.Value! : throw new InvalidOperationException($"Benchmark step refused: {result.Problem!.Detail}");

    private static async Task Must<T>(Task<Result<T>> operation) => Must(await operation);
}
