using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>One template as the admin sees it: the wording in effect, the default beside it, and the values it may use.</summary>
public sealed record MessageTemplateView(
    MessageKind Event, PatientMessageEvent SentAs, string Title, string Language, string LanguageName, string Text, string DefaultText,
    string? DltTemplateId, bool IsDefault, IReadOnlyList<string> Placeholders, DateTime? UpdatedAt, string? UpdatedBy);

/// <summary>An admin's change to one template; <paramref name="Reset"/> goes back to the default wording and forgets the DLT id.</summary>
public sealed record MessageTemplateRequest(MessageKind? Event, string? Language, string? Text, string? DltTemplateId, bool Reset = false);

/// <summary>The "Message wording" templates: read, changed (checked by <see cref="MessageText"/>), reset and previewed.</summary>
public sealed class MessageTemplateService(
    IDbContextFactory<OpdDbContext> factory, HospitalClock clock, IOptionsMonitor<OpdOptions> options, PatientOutbox outbox)
{
    public async Task<IReadOnlyList<MessageTemplateView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var saved = (await db.NotificationTemplates.AsNoTracking().ToListAsync(ct)).ToDictionary(t => (t.Event, t.Language));
        return Enum.GetValues<MessageKind>()
            .SelectMany(kind => MessageLanguages.All.Select(language => View(kind, language, saved.GetValueOrDefault((kind, language)))))
            .ToList();
    }

    public async Task<Result<MessageTemplateView>> SaveAsync(MessageTemplateRequest request, Actor by, CancellationToken ct = default)
    {
        if (Target(request) is { IsOk: false } bad)
        {
            return bad.Problem!;
        }

        var (kind, language) = Target(request).Value;
        WordingAccepted? accepted = null;
        if (!request.Reset)
        {
            switch (MessageText.Check(kind, request.Text, request.DltTemplateId))
            {
                case WordingRefused refused:
                    return OpdProblem.Invalid(refused.Field, refused.Reason);
                case WordingAccepted ok:
                    accepted = ok;
                    break;
            }
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var now = clock.Now;
        var row = await db.NotificationTemplates.FirstOrDefaultAsync(t => t.Event == kind && t.Language == language, ct);
        var subject = $"{MessageTemplates.Title(kind)} · {MessageLanguages.NameWithEnglish(language)}";
        if (accepted is null)
        {
            if (row is not null)
            {
                db.NotificationTemplates.Remove(row);
                AdminRecord.Add(db, now, by, "Message template", subject, "Reset to the default wording");
            }

            row = null;
        }
        else
        {
            var before = row is null ? MessageTemplates.Default(kind, language) : row.Text;
            row ??= db.NotificationTemplates.Add(new NotificationTemplate { Event = kind, Language = language, Text = "", UpdatedBy = "" }).Entity;
            var dltChanged = row.DltTemplateId != accepted.DltTemplateId;
            row.Text = accepted.Text;
            row.DltTemplateId = accepted.DltTemplateId;
            row.UpdatedAt = now;
            row.UpdatedBy = by.Name.Length <= 100 ? by.Name : by.Name[..100];
            AdminRecord.Add(db, now, by, "Message template", subject,
                (before == accepted.Text ? "Wording unchanged" : $"Wording changed from \"{before}\" to \"{accepted.Text}\"")
                + (dltChanged ? $"; DLT template id {accepted.DltTemplateId ?? "removed"}" : ""));
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return View(kind, language, row);
    }

    /// <summary>The text a patient would get from this wording, with sample values: refused wording is said plainly instead.</summary>
    public Result<string> Preview(MessageKind kind, string language, string? text)
    {
        if (MessageText.Check(kind, text, null) is WordingRefused refused)
        {
            return OpdProblem.Invalid(refused.Field, refused.Reason);
        }

        var settings = outbox.Settings;
        var today = DateOnly.FromDateTime(clock.Now);
        var facts = new MessageFacts("A014", "Dr. Meena Rao", "101", today, new TimeOnly(10, 0), settings.Link(options.CurrentValue, "sample0code"),
            options.CurrentValue.HospitalName, string.IsNullOrWhiteSpace(settings.DeskPhone) ? "(desk phone not set)" : settings.DeskPhone);
        MessageCause cause = kind switch
        {
            // Samples with a range, so the admin sees how {range} reads ("about 10:40 (10:30–10:55)").
            MessageKind.TurnNear => new TurnIsNear(At(10, 40), At(10, 30), At(10, 55)),
            MessageKind.Delayed => new TokenWasDelayed(At(11, 5), 25, At(10, 55), At(11, 25)),
            MessageKind.Moved => new TokenWasMoved(At(11, 30), At(11, 15), At(11, 55)),
            MessageKind.Cancelled => new TokenWasCancelled(new SlotCancelled()),
            MessageKind.CancelledDoctorAway => new TokenWasCancelled(new DoctorOnLeave()),
            MessageKind.Called => new TokenWasCalled(),
            _ => new TokenWasIssued(),
        };
        return MessageText.Render(text!.Trim(), MessageRules.Values(cause, facts, language));

        DateTime At(int hour, int minute) => today.ToDateTime(new TimeOnly(hour, minute));
    }

    private static Result<(MessageKind Kind, string Language)> Target(MessageTemplateRequest request)
    {
        var check = new Validation()
            .Require(request.Event is { } kind && Enum.IsDefined(kind), "event",
                $"Say which message (event): {string.Join(", ", Enum.GetNames<MessageKind>())}.")
            .Require(MessageLanguages.Code(request.Language) is not null, "language", $"Language must be {MessageLanguages.Described}.");
        return check.IsValid ? (request.Event!.Value, MessageLanguages.Code(request.Language)!) : check.ToProblem();
    }

    private static MessageTemplateView View(MessageKind kind, string language, NotificationTemplate? saved) => new(
        kind, MessageTemplates.Event(kind), MessageTemplates.Title(kind), language, MessageLanguages.NameWithEnglish(language),
        saved?.Text ?? MessageTemplates.Default(kind, language), MessageTemplates.Default(kind, language), saved?.DltTemplateId, saved is null,
        MessageTemplates.Placeholders(kind), saved?.UpdatedAt, saved?.UpdatedBy);
}
