using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>The outcome of one self check-in, and the token as it now stands (never with the patient's name).</summary>
public sealed record SelfCheckInOutcome(SelfCheckInDecision Decision, SelfCheckInToken Token);

public sealed record SelfCheckInToken(string TokenNumber, string? Room, int? Position, DateTime? EstimatedTime, DateTime? EstimatedFrom = null, DateTime? EstimatedTo = null);

/// <summary>A kiosk's request: the slip's scanned QR text, or a typed phone number and token label.</summary>
public sealed record KioskCheckIn(string? Kiosk, string? Key, string? Scanned, string? Phone, string? Label);

/// <summary>
/// A patient checks themselves in: by "I have arrived" on their own page once it knows today's entrance code, or at
/// one of the hospital's kiosks. Read, decide (<see cref="SelfCheckIn"/>, the desk's rules with a window), write
/// through the desk's own step, in one transaction.
/// </summary>
public sealed class SelfCheckIns(
    IDbContextFactory<OpdDbContext> factory,
    HospitalClock clock,
    IOptionsMonitor<OpdOptions> opd,
    IOptionsMonitor<SelfCheckInOptions> options,
    EntranceCodes codes,
    ChangeTokenStatus status)
{
    public const string PatientActor = "Patient (self check-in)";

    public static string KioskActor(string kiosk) => $"Kiosk {kiosk.Trim()}";

    /// <summary>
    /// The patient page's panel. Only a token still waiting for its patient, on a phone that brought an entrance code,
    /// costs a decision; every other page view reads nothing more.
    /// </summary>
    public async Task<ArrivalView?> PanelAsync(string tokenCode, TokenStatus status, string? entranceCode, string? justDone, string language, CancellationToken ct = default)
    {
        if (status is not (TokenStatus.Booked or TokenStatus.NoShow))
        {
            return new ArrivalView(status, new AlreadyHere(status), null, justDone, language);
        }

        if (string.IsNullOrEmpty(entranceCode) || !await codes.IsTodayAsync(entranceCode, ct))
        {
            return new ArrivalView(status, new WrongCode(), null, justDone, language);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        if (await TokenIdOfAsync(db, tokenCode, ct) is not { } id)
        {
            return null;
        }

        var (decision, _, token) = await DecideAsync(db, id, atHospital: true, ct);
        return new ArrivalView(token.Status, decision, entranceCode, justDone, language);
    }

    /// <summary>"I have arrived" on the patient's page. Null: no such token.</summary>
    public async Task<SelfCheckInOutcome?> ArriveAsync(string tokenCode, string? entranceCode, CancellationToken ct = default)
    {
        var atHospital = await codes.IsTodayAsync(entranceCode, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        return await TokenIdOfAsync(db, tokenCode, ct) is { } id ? await CheckInAsync(db, id, atHospital, PatientActor, ct) : null;
    }

    /// <summary>At a kiosk: its key must be the hospital's; the token is the scanned slip's, or the label's held by that phone.</summary>
    public async Task<Result<SelfCheckInOutcome>> AtKioskAsync(KioskCheckIn request, CancellationToken ct = default)
    {
        if (!await codes.IsKioskAsync(request.Kiosk, request.Key, ct))
        {
            return new OpdProblem(ProblemKind.Invalid, "This kiosk is not set up: its link has no valid key. Ask the hospital's admin for the kiosk's link.",
                Extensions: new Dictionary<string, object?> { ["outcome"] = nameof(WrongCode) });
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        int? tokenId;
        if (!string.IsNullOrWhiteSpace(request.Scanned))
        {
            tokenId = SlipScan.CodeOf(request.Scanned) is { } code ? await TokenIdOfAsync(db, code, ct) : null;
        }
        else if (Labels.Parse(request.Label) is { } label && PatientFacts.PhoneKey(request.Phone) is { } phone)
        {
            tokenId = await TokenIdByPhoneAsync(db, label, phone, ct);
        }
        else
        {
            return OpdProblem.Invalid("label", "Scan the slip's QR code, or type the phone number and the token number (such as T014).") with
            {
                Extensions = new Dictionary<string, object?> { ["outcome"] = SelfCheckInWords.CheckTyped },
            };
        }

        if (tokenId is not { } id)
        {
            return new OpdProblem(ProblemKind.NotFound, SelfCheckInWords.Say(SelfCheckInWords.NotFound, "en"),
                Extensions: new Dictionary<string, object?> { ["outcome"] = SelfCheckInWords.NotFound });
        }

        return await CheckInAsync(db, id, atHospital: true, KioskActor(request.Kiosk!), ct);
    }

    private async Task<SelfCheckInOutcome> CheckInAsync(OpdDbContext db, int tokenId, bool atHospital, Actor by, CancellationToken ct)
    {
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var (decision, slot, token) = await DecideAsync(db, tokenId, atHospital, ct);
        if (decision is CheckedIn { Change: var change })
        {
            var written = await status.WriteAsync(db, tx, slot, token, token.Status, change, null, by, clock.Now, ct);
            if (!written.IsOk)
            {
                throw new InvalidOperationException($"The desk's step {change} did not write: {written.Problem}");
            }
        }

        return new SelfCheckInOutcome(decision, await TokenAsync(db, tokenId, ct));
    }

    private async Task<(SelfCheckInDecision Decision, Slot Slot, Token Token)> DecideAsync(OpdDbContext db, int tokenId, bool atHospital, CancellationToken ct)
    {
        var now = clock.Now;
        var slotId = await db.Tokens.Where(t => t.Id == tokenId).Select(t => t.SlotId).SingleAsync(ct);
        var slot = (await SlotQueues.LoadForChangeAsync(db, slotId, ct))!;
        var token = slot.Tokens.Single(t => t.Id == tokenId);
        var desk = await status.ContextAsync(db, slot, token, null, now, ct);
        var facts = new SelfCheckInFacts(atHospital, token.Status, desk, options.CurrentValue.SelfCheckInOpensMinutes);
        return (SelfCheckIn.Decide(facts), slot, token);
    }

    private async Task<SelfCheckInToken> TokenAsync(OpdDbContext db, int tokenId, CancellationToken ct)
    {
        var view = (await SlotQueues.ViewAsync(db, tokenId, clock.Now, opd.CurrentValue.Weights, opd.CurrentValue.Estimates, withHistory: false, ct))!;
        var room = await db.Tokens.Where(t => t.Id == tokenId).Select(t => t.Slot.Doctor.Room).SingleAsync(ct);
        return new SelfCheckInToken(view.TokenNumber, room, view.Position, view.EstimatedTime, view.EstimatedFrom, view.EstimatedTo);
    }

    private static Task<int?> TokenIdOfAsync(OpdDbContext db, string code, CancellationToken ct) =>
        TokenCodes.Normalise(code) is { Length: TokenCodes.Length } known && known.All(char.IsAsciiLetterOrDigit)
            ? db.Tokens.Where(t => t.Code == known).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct)
            : Task.FromResult<int?>(null);

    /// <summary>
    /// Today's (or a session's run past midnight) token with that label whose patient has that phone. Two doctors may
    /// share a prefix and a family a phone: the one still awaiting its patient comes first.
    /// </summary>
    private async Task<int?> TokenIdByPhoneAsync(OpdDbContext db, (string Prefix, int Number) label, string phoneKey, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.Now);
        return await db.Tokens
            .Where(t => t.TokenNumber == label.Number && t.Slot.Doctor.LabelPrefix == label.Prefix && t.Patient.PhoneKey == phoneKey)
            .Where(t => t.Slot.Date == today || t.Slot.Date == today.AddDays(-1))
            .OrderByDescending(t => t.Slot.Date)
            .ThenBy(t => t.Status == TokenStatus.Booked || t.Status == TokenStatus.NoShow ? 0 : 1)
            .Select(t => (int?)t.Id)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>A label as typed at a kiosk: "t14", "T 014" and "T014" are all T014.</summary>
    public static class Labels
    {
        public static (string Prefix, int Number)? Parse(string? typed)
        {
            var text = string.Concat((typed ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-')).ToUpperInvariant();
            var letters = text.TakeWhile(c => c is >= 'A' and <= 'Z').Count();
            return letters is >= 1 and <= TokenLabels.MaxPrefixLength && text.Length - letters is >= 1 and <= 4
                && text[letters..].All(char.IsAsciiDigit) && int.Parse(text[letters..], System.Globalization.CultureInfo.InvariantCulture) is var n and > 0
                ? (text[..letters], n)
                : null;
        }
    }
}

/// <summary>
/// The "I have arrived" panel of the patient's page: what self check-in would answer now, the entrance code the phone
/// brought (posted back with the button), and the outcome of the button just pressed, if any.
/// </summary>
public sealed record ArrivalView(TokenStatus Status, SelfCheckInDecision Preview, string? Entrance, string? JustDone, string Language)
{
    public bool CanArrive => Preview is CheckedIn;

    /// <summary>Why not, in the patient's words: only while the token still waits for its patient, and a wrong code only once they pressed.</summary>
    public string? Why => Status is TokenStatus.Booked or TokenStatus.NoShow
        && Preview is not (CheckedIn or AlreadyHere or NotBooked) && (Preview is not WrongCode || JustDone is not null)
        ? SelfCheckInWords.For(Preview, Language)
        : null;

    /// <summary>The one-off "you are checked in" the address asks for, only when the token's state agrees.</summary>
    public string? Done => JustDone is nameof(CheckedIn) or nameof(AlreadyHere) && SelfCheckIn.ShowsArrived(Status) ? SelfCheckInWords.Say(JustDone, Language) : null;
}
