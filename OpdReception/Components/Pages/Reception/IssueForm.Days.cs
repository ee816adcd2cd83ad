namespace OpdReception.Components.Pages.Reception;

/// <summary>Which days the chosen doctor can be booked on, and why not on the day asked for.</summary>
public sealed partial class IssueForm
{
    /// <summary>How far ahead the calendar marks open days: slots are generated a few weeks ahead.</summary>
    private const int MarkedDays = 62;

    private IReadOnlySet<DateOnly> _openDays = new HashSet<DateOnly>();
    private string? _whyNoSlot;

    private async Task LoadDayFactsAsync()
    {
        _openDays = _doctor is null ? new HashSet<DateOnly>() : await Desk.OpenDaysAsync(_doctor.Id, Desk.Today(), MarkedDays);
        _whyNoSlot = _doctor is not null && _slots.Count == 0 ? await Desk.WhyNoSlotAsync(_doctor.Id, _date) : null;
    }

    private string OpenDayClass(DateTime day) => _openDays.Contains(DateOnly.FromDateTime(day)) ? "opd-open-day" : "";
}
