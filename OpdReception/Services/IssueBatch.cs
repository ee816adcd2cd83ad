using Microsoft.EntityFrameworkCore;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>
/// The requests of one batch, decided one by one against the state the earlier ones left (read on the writer's
/// transaction, so each sees what the ones before it wrote), then answered together: the doctor's day is arranged
/// once per batch for every token issued into it, not once per token.
/// </summary>
internal sealed partial class IssueBatch(OpdDbContext db, IssueStatements sql, OpdOptions settings, BatchDays days, IssueMessages messages)
{
    private readonly Dictionary<int, IssueSlot> _slots = [];
    private readonly List<Written> _written = [];
    private readonly List<(PendingIssue Copy, Written First)> _copies = [];
    private readonly Dictionary<(string Caller, string Key), Written> _keys = [];

    private sealed record Written(PendingIssue Pending, Token Token, IssueSlot Slot, HeldToken? Replaces);

    /// <summary>Decides one request and writes it: the answer now for a refusal or a replay, null when it is answered with the batch.</summary>
    public async Task<Result<IssuedToken>?> DecideAsync(PendingIssue pending, DateTime now, CancellationToken ct)
    {
        var request = pending.Request;
        if (pending.Key is { } key)
        {
            // A copy of a request made earlier in this very batch is answered with it.
            if (_keys.TryGetValue((key.Caller, key.Key), out var first))
            {
                if (first.Pending.Hash != pending.Hash)
                {
                    return KeyReused(key, first.Token.Id);
                }

                _copies.Add((pending, first));
                return null;
            }

            if (await EarlierAnswerAsync(pending, key, now, ct) is { } earlier)
            {
                return earlier;
            }
        }

        if (Slot(request.SlotId!.Value) is not { } slot)
        {
            return OpdProblem.NotFound("Slot", request.SlotId!.Value);
        }

        var state = slot.State;

        // A slot written before the slot rules may lie beyond any date an estimate can reach; it takes no tokens.
        if (state.Date > DateOnly.FromDateTime(now).AddYears(SlotRules.MaxYearsAhead))
        {
            return OpdProblem.Conflict($"Slot {state.Id} is dated {state.Date:ddd d MMM yyyy}, more than a year ahead; it takes no tokens.",
                new Dictionary<string, object?> { ["refusal"] = "SlotOutOfRange" });
        }

        var patient = Patient(request, DateOnly.FromDateTime(now));
        if (!patient.IsOk)
        {
            return patient.Problem!;
        }

        var whom = patient.Value!;
        var held = whom.Registered is null ? null : sql.Held(whom.PatientId, state.DoctorId, state.Date);

        // The doctor's later slots only matter to name an alternative, so they are read only when refusing.
        var source = request.Source!.Value;
        var decision = TokenDesk.Issue(state, source, settings.Weights, now, held, []);
        if (decision is Refused { Reason.Kind: not RefusalKind.AlreadyHoldsToken })
        {
            var later = await db.Slots
                .Where(s => s.DoctorId == state.DoctorId && s.Date >= state.Date && s.Id != state.Id)
                .Select(Projections.SlotState)
                .ToListAsync(ct);
            decision = TokenDesk.Issue(state, source, settings.Weights, now, held, later);
        }

        return decision switch
        {
            Refused refused => OpdProblem.Conflict(refused.Reason.Message, new Dictionary<string, object?>
            {
                ["refusal"] = refused.Reason.Kind.ToString(),
                ["alternativeSlotId"] = refused.Reason.AlternativeSlotId,
                ["existingTokenId"] = refused.Reason.ExistingTokenId,
            }),
            Issued issued => await WriteAsync(pending, slot, whom, now, issued.TokenNumber, issued.PriorityScore, issued.Status, null, issued.Replaces, ct),
            Extended extended => await WriteAsync(pending, slot, whom, now, extended.TokenNumber, extended.PriorityScore, extended.Status,
                extended.NewEffectiveCapacity, extended.Replaces, ct),
            _ => throw new InvalidOperationException($"Unknown decision {decision}"),
        };
    }

    /// <summary>A request whose savepoint was rolled back: what it left in the batch's memory goes too.</summary>
    public void Forget(PendingIssue pending)
    {
        _slots.Clear();
        db.ChangeTracker.Clear();
        _written.RemoveAll(w => w.Pending == pending);
        _copies.RemoveAll(c => c.Copy == pending);
        foreach (var key in _keys.Where(k => k.Value.Pending == pending).Select(k => k.Key).ToList())
        {
            _keys.Remove(key);
        }
    }

    /// <summary>
    /// Every token of the batch with its place in its doctor's day, arranged once per day touched. A keyed answer is
    /// made here and stored in the batch's transaction, so after a crash the key and its token are both there, or
    /// neither; the others are made after the commit, outside the writer.
    /// </summary>
    public async Task<Dictionary<PendingIssue, IssueOutcome>> AnswerAsync(DateTime now, CancellationToken ct)
    {
        var outcomes = new Dictionary<PendingIssue, IssueOutcome>();
        var firstAnswers = new Dictionary<Written, IssuedToken>();
        var byDay = _written.GroupBy(w => (w.Slot.State.DoctorId, w.Slot.State.Date)).ToList();

        // A day with a keyed answer, or with a patient told a time now (anyone but a booking), is arranged in the
        // writer: the answer and the time told are written with the token, or not at all.
        static bool InWriter(IEnumerable<Written> day) => day.Any(w => w.Pending.Key is not null || TellsTimeNow(w));
        foreach (var day in byDay.Where(d => !InWriter(d)))
        {
            days.Want(day.Key.DoctorId, day.Key.Date);
            foreach (var written in day)
            {
                outcomes[written.Pending] = new IssueOutcome(async () =>
                {
                    var timeline = await days.GetAsync(day.Key.DoctorId, day.Key.Date);
                    return new IssuedToken(written.Token.ToView(written.Token.Slot, timeline.PlaceOf(written.Token.Id)), null, Replayed: false);
                }, Changes(written));
            }
        }

        var keyed = byDay.Where(InWriter).ToList();
        var inWriter = keyed.Count == 0 ? [] : await SlotQueues.DaysAsync(db, [.. keyed.Select(d => d.Key)], now, settings.Weights, settings.Estimates, ct);
        foreach (var day in keyed)
        {
            foreach (var written in day)
            {
                var place = inWriter[day.Key].PlaceOf(written.Token.Id);
                if (TellsTimeNow(written) && place?.EstimatedTime is { } told)
                {
                    sql.SetFirstEstimate(written.Token.Id, told);
                }

                var view = written.Token.ToView(written.Token.Slot, place);
                var answer = written.Pending.Key is { } key ? key.Render(view) : null;
                if (answer is not null)
                {
                    sql.RememberAnswer(written.Pending.Key!.Caller, written.Pending.Key.Key, written.Pending.Hash, written.Token.Id, answer, now);
                }

                firstAnswers[written] = new IssuedToken(view, answer, Replayed: false);
                outcomes[written.Pending] = IssueOutcome.Known(firstAnswers[written], Changes(written));
            }
        }

        foreach (var (copy, first) in _copies)
        {
            outcomes[copy] = IssueOutcome.Known(firstAnswers[first] with { Replayed = true }, []);
        }

        return outcomes;
    }

    /// <summary>A patient checked in by being issued is told their time on the slip; a booking is told at check-in.</summary>
    private static bool TellsTimeNow(Written written) => written.Token.Status == TokenStatus.Waiting;

    private static List<OpdChange> Changes(Written written)
    {
        var changes = new List<OpdChange> { new(written.Slot.State.Id, written.Token.Id, "issued") };
        if (written.Replaces is { } replaced)
        {
            changes.Add(new OpdChange(replaced.SlotId, replaced.TokenId, TokenStatus.Cancelled.ToString()));
        }

        return changes;
    }

    /// <summary>A retry gets the first answer; the same key with another request is refused.</summary>
    private async Task<Result<IssuedToken>?> EarlierAnswerAsync(PendingIssue pending, IssueKey key, DateTime now, CancellationToken ct)
    {
        if (sql.EarlierAnswer(key.Caller, key.Key) is not { } earlier)
        {
            return null;
        }

        if (earlier.RequestHash != pending.Hash)
        {
            return KeyReused(key, earlier.TokenId);
        }

        var view = await SlotQueues.ViewAsync(db, earlier.TokenId, now, settings.Weights, settings.Estimates, withHistory: false, ct);
        return new IssuedToken(view!, earlier.Answer, Replayed: true);
    }

    private static OpdProblem KeyReused(IssueKey key, int tokenId) => OpdProblem.Unprocessable(
        $"Idempotency-Key {key.Key} was already used for a different request (token {tokenId}). Use a new key for a new request.");

    private async Task<Result<IssuedToken>?> WriteAsync(
        PendingIssue pending, IssueSlot slot, Whom whom, DateTime now,
        int number, int score, TokenStatus status, int? extendedTo, HeldToken? replaces, CancellationToken ct)
    {
        var request = pending.Request;
        var state = slot.State;
        var name = request.PatientName!.Trim();
        // The booking site's answer shows the record's phone, never one the site typed over it.
        var phone = request.ByBookingSite && whom.Registered is not null ? null : Validation.Clean(request.PhoneNumber);
        var (patientId, registered) = (whom.PatientId, whom.Registered);
        Record(pending, whom, name, phone, state.Label(number), now);

        sql.TakeNumber(state, number, extraSeat: extendedTo is not null);
        var source = request.Source!.Value;
        var code = TokenCodes.New();
        var reason = (extendedTo is null
            ? $"{source} token"
            : $"{source} token; slot was full, capacity extended from {state.EffectiveCapacity} to {extendedTo}")
            + (replaces is null ? "" : $"; replaces booking {state.Label(replaces.TokenNumber)} of the {replaces.SlotStartsAt:HH:mm} slot");
        var id = sql.AddToken(
            new NewToken(state.Id, patientId, source, status, number, score, now, code),
            new NewTokenEvent(extendedTo is null ? "Issued" : "IssuedOnExtraSeat", status, pending.By.Name, pending.By.UserId, reason));
        // A new patient's first message already follows what the desk entered; a record on file keeps what it has.
        var given = Fields(request.ByBookingSite && registered is not null ? null : request.Details, DateOnly.FromDateTime(now));
        Tell(pending, slot, id, code, number, status, new ContactFacts(phone ?? registered?.Phone, registered?.Email ?? given.Email,
            registered?.Language ?? given.Language, (registered?.MessagesOptOut ?? false) || given.MessagesOptOut), now);
        if (replaces is not null)
        {
            await CancelReplacedAsync(replaces.TokenId, state.Label(number), now, pending.By, ct);
            _slots.Remove(replaces.SlotId);
        }

        _slots[state.Id] = slot with
        {
            State = state with
            {
                LastTokenNumber = number,
                EmergencyExtensions = state.EmergencyExtensions + (extendedTo is null ? 0 : 1),
                SeatsTaken = state.SeatsTaken + 1 - (replaces?.SlotId == state.Id ? 1 : 0),
                EmergencySeats = state.EmergencySeats + (source == TokenSource.Emergency ? 1 : 0),
                // The next request of the batch sees the held seats this one filled, as it sees the seat it took.
                WalkInSeats = state.WalkInSeats + (WalkInHold.Fills(source) ? 1 : 0)
                    - (replaces?.SlotId == state.Id && WalkInHold.Fills(replaces.Source) ? 1 : 0),
            },
        };
        // The label was the doctor's day's, not the slot's: the day's other slots read so far move on with it.
        foreach (var sibling in _slots.Values.Where(s => s.State.Id != state.Id && TokenLabels.SameDay(s.State, state)).ToList())
        {
            _slots[sibling.State.Id] = sibling with { State = sibling.State with { LastTokenNumber = number } };
        }

        var written = new Written(pending, Entity(id, slot, patientId, name, phone ?? registered?.Phone, source, status, number, score, now, code), slot, replaces);
        _written.Add(written);
        if (pending.Key is { } key)
        {
            _keys[(key.Caller, key.Key)] = written;
        }

        return null;
    }

    /// <summary>The booking an emergency replaced is cancelled in the emergency's own write, never left behind.</summary>
    private async Task CancelReplacedAsync(int bookingId, string emergencyLabel, DateTime now, Actor by, CancellationToken ct)
    {
        var booking = await db.Tokens.SingleAsync(t => t.Id == bookingId, ct);
        var from = booking.Status;
        var reason = $"replaced by emergency token {emergencyLabel}";
        TokenWrites.Move(booking, TokenStatus.Cancelled, now, reason);
        booking.History.Add(TokenWrites.Event(booking, now, "Cancelled", from, by, reason));
        await db.SaveChangesAsync(ct);
    }

    private IssueSlot? Slot(int slotId)
    {
        if (!_slots.TryGetValue(slotId, out var slot) && sql.Slot(slotId) is { } read)
        {
            _slots[slotId] = slot = read;
        }

        return slot;
    }
}
