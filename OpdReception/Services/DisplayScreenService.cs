using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <param name="Speech">"off" or the language codes in the order spoken.</param>
/// <param name="SpeechWords">The same in the admin's words: "English and Hindi", "Off (chime only)".</param>
/// <param name="Address">Where the TV opens it.</param>
public sealed record DisplayScreenView(string Name, string Speech, string SpeechWords, string Address, DateTime UpdatedAt);

public sealed record SpokenLanguageView(string Code, string Name);

/// <param name="DefaultSpeech">Opd:Display:SpeechLanguages: what a display without a named screen speaks.</param>
public sealed record DisplaysView(string DefaultSpeech, string DefaultWords, IReadOnlyList<SpokenLanguageView> Languages, IReadOnlyList<DisplayScreenView> Screens);

public sealed record ScreenSpeechBody(string? Speech);

/// <summary>
/// The named waiting-room screens and what each speaks: listed, set and removed by an admin (each change recorded and
/// announced to the open displays), and read by a display as it opens.
/// </summary>
public sealed class DisplayScreenService(
    IDbContextFactory<OpdDbContext> factory,
    IOptionsMonitor<OpdDisplayOptions> options,
    HospitalClock clock,
    OpdChanges changes)
{
    /// <summary>What an <see cref="OpdChange"/> says after a screen's speech changed: open displays read theirs again.</summary>
    public const string Changed = "displays";

    public async Task<DisplaysView> ListAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var screens = await db.DisplayScreens.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct);
        var hospital = DisplaySpeech.Resolve(null, null, options.CurrentValue.SpeechLanguages);
        return new DisplaysView(
            options.CurrentValue.SpeechLanguages,
            DisplaySpeech.Words(hospital.Languages),
            DisplaySpeech.Languages.Select(l => new SpokenLanguageView(l.Code, l.Name)).ToList(),
            screens.Select(View).ToList());
    }

    /// <summary>Adds the named screen, or changes what it speaks.</summary>
    public async Task<Result<DisplayScreenView>> SaveAsync(string? name, string? speech, Actor by, CancellationToken ct = default)
    {
        ScreenAccepted accepted;
        switch (DisplayScreenRules.Check(name, speech))
        {
            case ScreenRefused refused:
                return OpdProblem.Invalid(refused.Errors);
            case ScreenAccepted ok:
                accepted = ok;
                break;
            default:
                throw new InvalidOperationException("A screen is either accepted or refused.");
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        var screen = await db.DisplayScreens.SingleOrDefaultAsync(s => s.Name == accepted.Name, ct);
        var now = clock.Now;
        var words = DisplaySpeech.Words(LanguagesOf(accepted.Speech));
        if (screen is null)
        {
            screen = new DisplayScreen { Name = accepted.Name, Speech = accepted.Speech, UpdatedAt = now };
            db.DisplayScreens.Add(screen);
            AdminRecord.Add(db, now, by, "Display", accepted.Name, $"added; speaks {words}");
        }
        else if (screen.Speech != accepted.Speech)
        {
            AdminRecord.Add(db, now, by, "Display", accepted.Name, $"speech {DisplaySpeech.Words(LanguagesOf(screen.Speech))} → {words}");
            screen.Speech = accepted.Speech;
            screen.UpdatedAt = now;
        }
        else
        {
            return View(screen);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        changes.Announce(new OpdChange(0, null, Changed));
        return View(screen);
    }

    public async Task<Result<DisplaysView>> RemoveAsync(string? name, Actor by, CancellationToken ct = default)
    {
        var key = name?.Trim().ToLowerInvariant() ?? "";
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await WriteTransaction.BeginAsync(db, ct);
        if (await db.DisplayScreens.SingleOrDefaultAsync(s => s.Name == key, ct) is not { } screen)
        {
            return new OpdProblem(ProblemKind.NotFound, $"There is no screen named \"{TextRules.ForLog(name, DisplayScreenRules.MaxName)}\".");
        }

        db.DisplayScreens.Remove(screen);
        AdminRecord.Add(db, clock.Now, by, "Display", screen.Name, "removed; the TV now speaks the hospital's default");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        changes.Announce(new OpdChange(0, null, Changed));
        return await ListAsync(ct);
    }

    /// <summary>
    /// What a display opened at this address speaks: <paramref name="address"/> is its ?speech=, <paramref name="screen"/>
    /// its ?screen=. A name not set up in admin is said on the settings page, and the default applies.
    /// </summary>
    public async Task<DisplaySpeechView> PlanAsync(string? screen, string? address, CancellationToken ct = default)
    {
        string? saved = null;
        var known = false;
        var key = screen?.Trim().ToLowerInvariant();
        if (!string.IsNullOrEmpty(key) && DisplayScreenRules.NameProblem(key) is null)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            saved = await db.DisplayScreens.AsNoTracking().Where(s => s.Name == key).Select(s => s.Speech).SingleOrDefaultAsync(ct);
            known = saved is not null;
        }

        var plan = DisplaySpeech.Resolve(address, saved, options.CurrentValue.SpeechLanguages);
        return new DisplaySpeechView(plan, string.IsNullOrEmpty(key) ? null : key, known);
    }

    /// <summary>The call as said in each of the plan's languages, from the hospital's sentences.</summary>
    public IReadOnlyList<Utterance> Sentences(SpeechPlan plan, string label, string room) =>
        DisplaySpeech.Sentences(plan, options.CurrentValue.Announcements, label, room);

    private static IReadOnlyList<SpokenLanguage> LanguagesOf(string speech) =>
        DisplaySpeech.Parse(speech) is SpeechIn speaks ? speaks.Languages : [];

    private static DisplayScreenView View(DisplayScreen s) =>
        new(s.Name, s.Speech, DisplaySpeech.Words(LanguagesOf(s.Speech)), DisplayScreenRules.Address(s.Name), s.UpdatedAt);
}

/// <param name="Screen">The ?screen= name, lower case; null without one.</param>
/// <param name="Known">Whether an admin set that screen up.</param>
public sealed record DisplaySpeechView(SpeechPlan Plan, string? Screen, bool Known)
{
    /// <summary>Where the display's languages came from, in the words of the settings page.</summary>
    public string SourceWords => Plan.Source switch
    {
        SpeechSource.Address => "from this screen's address (?speech=)",
        SpeechSource.Screen => $"set for screen \"{Screen}\" in Admin · Displays",
        _ when Screen is not null && !Known => $"the hospital's default: no screen \"{Screen}\" is set up in Admin · Displays",
        _ => "the hospital's default (Opd:Display:SpeechLanguages)",
    };
}
