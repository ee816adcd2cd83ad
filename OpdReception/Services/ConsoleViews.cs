using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>The patient the doctor called: how long they waited, how often they were called.</summary>
public sealed record ConsolePatient(TokenView Token, DateTime? CalledAt, int RecallCount, int WaitedMinutes);

/// <summary>What Undo would take back, and until when.</summary>
public sealed record UndoOffer(string TokenNumber, string Action, DateTime Until);

/// <summary>The signed-in doctor's day, as their console shows it.</summary>
/// <param name="Queue">Everyone still to be seen, in the order the doctor sees them.</param>
/// <param name="AwaitingRecall">Ids of waiting tokens sent back as not here: the console offers to call them again.</param>
public sealed record ConsoleDay(
    DoctorView Doctor,
    DateOnly Date,
    DateTime Now,
    ConsolePatient? WithDoctor,
    IReadOnlyList<TokenView> Queue,
    IReadOnlySet<int> AwaitingRecall,
    IReadOnlyDictionary<TokenSource, int> BySource,
    IReadOnlyDictionary<TokenStatus, int> ByStatus,
    DateTime? SessionEnds,
    string? Notice,
    UndoOffer? Undo,
    bool HasSlotsToday);

/// <summary>One doctor's place on the waiting-room display: token numbers, doctor and room only, never a patient.</summary>
/// <param name="CallId">Changes with every call and recall, so the display knows when to highlight and chime.</param>
public sealed record DisplayRoom(
    int DoctorId,
    string DoctorName,
    string? Room,
    string? NowCalled,
    long? CallId,
    IReadOnlyList<string> Next,
    IReadOnlyList<string> Recent,
    IReadOnlyList<string> Missed,
    string? Notice);

public sealed record DisplayBoard(DateTime Now, IReadOnlyList<DisplayRoom> Rooms);

