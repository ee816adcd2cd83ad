using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using OpdReception.Components.Shared;
using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Components.Pages.Reception;

/// <summary>The desk's issuing form: UI state and handlers only; the engine decides and the services write.</summary>
public sealed partial class IssueForm
{
    private static readonly TokenSource[] Sources =
        [TokenSource.WalkIn, TokenSource.Online, TokenSource.Priority, TokenSource.FollowUp, TokenSource.Emergency];

    [Parameter] public int? DoctorId { get; set; }

    /// <summary>Who the history names when no one is signed in (component tests); a signed-in receptionist is named as themselves.</summary>
    [Parameter] public string By { get; set; } = "Reception desk";

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Parameter] public EventCallback OnPrint { get; set; }

    /// <summary>The source chosen: the overview's cards count the seats this patient may take.</summary>
    [Parameter] public EventCallback<TokenSource> SourceChanged { get; set; }

    private IReadOnlyList<DoctorView> _doctors = [];
    private IReadOnlyList<PickChoice> _doctorChoices = [];
    private Picker? _doctorField;
    private bool _focusDoctor;
    private TokenSource _source = TokenSource.WalkIn;
    private DoctorView? _doctor;
    private DateOnly _date;
    private IReadOnlyList<SlotView> _slots = [];
    private IReadOnlyList<PickChoice> _slotChoices = [];
    private int? _slotId;
    private MudTextField<string>? _searchField;
    private string? _search;
    private IReadOnlyList<PatientMatch> _matches = [];
    private string? _name;
    private string? _phone;
    private string? _patientId;
    private string? _held;
    private bool _busy;

    /// <summary>One key per submission: a second press of the same submission gets the same token, never another.</summary>
    private string _submission = Guid.NewGuid().ToString("N");
    private string? _problem;
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private SlotOffer? _offer;
    private TokenView? _issued;
    private SlipView? _slip;
    private bool _seatAdded;

    public TokenView? Issued => _issued;

    private SlotView? SelectedSlot => _slots.FirstOrDefault(s => s.Id == _slotId);

    protected override async Task OnInitializedAsync()
    {
        _language = DefaultLanguage;
        _date = Desk.Today();
        _doctors = await Doctors.ListAsync();
        _doctorChoices = Choices.Doctors(_doctors);
        if (DoctorId is { } id && _doctors.FirstOrDefault(d => d.Id == id) is { } doctor)
        {
            await OnDoctorChanged(doctor);
        }
    }

    /// <summary>Shortcut "New token": the answer put away and a clean walk-in form, the same doctor, the cursor in the doctor field.</summary>
    /// <param name="cursorPlaced">The N key's listener has put the cursor in the doctor field already; focusing it again
    /// after the render would pull the cursor back from wherever the receptionist has moved it since.</param>
    public async Task NewTokenAsync(bool cursorPlaced = false)
    {
        DismissAnswer();
        var was = _source;
        _source = TokenSource.WalkIn;
        await ClearForNextAsync();
        if (was != _source)
        {
            await SourceChanged.InvokeAsync(_source);
        }

        // After the clearing, which asks for the focus itself: a late focus would pull the cursor out of the field the
        // receptionist has tabbed to and is typing in since the key.
        _focusDoctor = !cursorPlaced;
        StateHasChanged();
    }

    private void DismissAnswer()
    {
        _issued = null;
        _slip = null;
        _seatAdded = false;
        _focusDoctor = true;
    }

    /// <summary>
    /// The form for the next patient: patient, search and problems cleared, the same doctor, the cursor in the doctor field
    /// with its text selected (type to change the doctor, Tab to keep it). The source chosen stays, as it does for a row of walk-ins.
    /// </summary>
    private async Task ClearForNextAsync()
    {
        if (_source is not (TokenSource.Online or TokenSource.FollowUp))
        {
            _date = Desk.Today();
        }

        ClearPatient();
        _search = null;
        _matches = [];
        _arrival = null;
        ClearProblem();
        await LoadSlotsAsync();
        _focusDoctor = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // A new answer or a cleared form has just rendered: focus once that render is on screen.
        if (_focusDoctor && _doctorField is not null)
        {
            _focusDoctor = false;
            await _doctorField.FocusAsync();
        }
    }

    /// <summary>The overview's "issue for this doctor".</summary>
    public async Task ChooseDoctorAsync(int doctorId)
    {
        if (_doctors.FirstOrDefault(d => d.Id == doctorId) is { } doctor)
        {
            await OnDoctorChanged(doctor);
            StateHasChanged();
        }
    }

    /// <summary>Something changed elsewhere: seats left and warnings follow it.</summary>
    public async Task RefreshAsync()
    {
        if (_doctor is not null)
        {
            var chosen = _slotId;
            SetSlots(await Desk.BookableSlotsAsync(_doctor.Id, _date));
            // A slot being typed stays unpicked; a chosen slot that stopped taking tokens gives way to the next with room.
            _slotId = chosen is null || _slots.Any(s => s.Id == chosen) ? chosen : DefaultSlot();
            await LoadDayFactsAsync();
            await CheckHeldAsync();
            StateHasChanged();
        }
    }

    private string SeatsText(SlotView s) => _source == TokenSource.Online && s.OnlineSeatsNote(Desk.Now()) is { } online
        ? $"{online}."
        : s.AvailableSeats > 0
        ? $"{s.AvailableSeats} of {s.EffectiveCapacity} seats left in this slot."
        : _source == TokenSource.Emergency
            ? "This slot is full: an emergency still gets in, on an added seat."
            : "This slot is full.";

    private async Task OnSourceChanged(TokenSource source)
    {
        _source = source;
        if (source is not (TokenSource.Online or TokenSource.FollowUp) && _date != Desk.Today())
        {
            _date = Desk.Today();
            await LoadSlotsAsync();
        }
        else
        {
            // The chosen slot stays; only the seats offered are counted for the new source.
            SetSlots(_slots);
        }

        ClearProblem();
        await SourceChanged.InvokeAsync(source);
    }

    private Task OnDoctorPicked(int? doctorId) => OnDoctorChanged(_doctors.FirstOrDefault(d => d.Id == doctorId));

    private async Task OnDoctorChanged(DoctorView? doctor)
    {
        _doctor = doctor;
        ClearProblem();
        await LoadSlotsAsync();
        await CheckHeldAsync();
    }

    private async Task OnDateChanged(DateTime? date)
    {
        _date = date is { } d ? DateOnly.FromDateTime(d) : Desk.Today();
        await LoadSlotsAsync();
        await CheckHeldAsync();
    }

    private Task OnSlotChanged(int? slotId)
    {
        _slotId = slotId;
        ClearProblem();
        return Task.CompletedTask;
    }

    private async Task LoadSlotsAsync()
    {
        SetSlots(_doctor is null ? [] : await Desk.BookableSlotsAsync(_doctor.Id, _date));
        _slotId = DefaultSlot();
        await LoadDayFactsAsync();
    }

    private void SetSlots(IReadOnlyList<SlotView> slots)
    {
        _slots = slots;
        _slotChoices = Choices.Slots(slots, onlineAt: _source == TokenSource.Online ? Desk.Now() : null);
    }

    /// <summary>The earliest slot with room for this patient; when none has, the earliest (an emergency still fits).</summary>
    private int? DefaultSlot() => (_slots.FirstOrDefault(s => s.SeatsFor(_source, Desk.Now()) > 0) ?? _slots.FirstOrDefault())?.Id;
}
