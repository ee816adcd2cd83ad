using System.Globalization;
using OpdReception.Domain;

namespace OpdReception.Simulation;

/// <summary>The day as the reception would tell it: one line per thing that happened, a blank line between hours.</summary>
public sealed class Timeline(TextWriter output)
{
    private const int WhereWidth = 29;
    private int? _lastHour;

    public void Header(DayPlan plan)
    {
        Write($"OPD day simulation: {plan.Date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture)}, {plan.Title} ({plan.Patients.Count} patients)");
        foreach (var doctor in plan.Doctors)
        {
            Write($"  {doctor.Name}, {doctor.Specialization}, room {doctor.Room}");
        }

        Write($"  {plan.Slots.Count} slots per doctor: {string.Join(" ", plan.Slots.Select(s => $"{Clock(s.Start)}-{Clock(s.End)}"))}");
        Write("");
        Write($"{"time",-5}  {"doctor and slot",-WhereWidth}  {"token",-5} {"source",-9}  {"patient",-17}  what happened");
    }

    public void Token(DateTime at, string where, string? number, TokenSource source, string patient, string what) =>
        Line(at, $"{where,-WhereWidth}  {number ?? "",-5} {Describe(source),-9}  {patient,-17}  {what}");

    public void Slot(DateTime at, string where, string what) => Line(at, $"{where,-WhereWidth}  {what}");

    public void Note(DateTime at, string what) => Line(at, $"{"",-WhereWidth}  {what}");

    public static string Clock(DateTime at) => at.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Clock(TimeOnly at) => at.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Describe(TokenSource source) => source switch
    {
        TokenSource.WalkIn => "Walk-in",
        TokenSource.FollowUp => "Follow-up",
        _ => source.ToString(),
    };

    private void Line(DateTime at, string text)
    {
        if (_lastHour is { } hour && hour != at.Hour)
        {
            Write("");
        }

        _lastHour = at.Hour;
        Write($"{Clock(at)}  {text}".TrimEnd());
    }

    private void Write(string line) => output.WriteLine(line);
}
