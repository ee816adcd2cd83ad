using Bunit;
using OpdReception.Components.Pages.Patient;
using OpdReception.Components.Pages.Reception;
using OpdReception.Components.Shared;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Reception;

/// <summary>Where people read a time, it carries its range once the estimate has one, and reads as before while it has none.</summary>
public sealed class TimeRangeSurfaceTests(OpdApp app) : DeskContext(app)
{
    private static DateTime At(int hour, int minute) => OpdApp.Day.ToDateTime(new TimeOnly(hour, minute));

    private static readonly DateTime Eta = At(9, 20), From = At(9, 10), To = At(9, 45);

    private static SlipView Slip(DateTime? from, DateTime? to) => new("City Hospital", "T014", "Dr. Meena Rao", "101", OpdApp.Day, new TimeOnly(9, 0), Eta,
        TokenSource.WalkIn, "abcd2345", null, from, to);

    [Fact]
    public void The_slip_says_about_the_time_with_its_range_and_the_time_alone_without_one()
    {
        var ranged = Render<TokenSlip>(p => p.Add(s => s.Slip, Slip(From, To)));
        var plain = Render<TokenSlip>(p => p.Add(s => s.Slip, Slip(null, null)));

        Assert.Equal("Expected about 09:20 (09:10–09:45)", ranged.Find("[data-testid=slip-eta]").TextContent.Trim());
        Assert.Equal("Expected about 09:20", plain.Find("[data-testid=slip-eta]").TextContent.Trim());
    }

    [Fact]
    public async Task A_board_row_shows_the_time_and_its_late_end_and_the_whole_range_on_hover()
    {
        var token = await Desk.Issue("walkin", (await Desk.NewSlot()).Id);

        var ranged = Row(token with { EstimatedTime = Eta, EstimatedFrom = From, EstimatedTo = To, PastSlotEnd = false });
        var plain = Row(token with { EstimatedTime = Eta, EstimatedFrom = null, EstimatedTo = null, PastSlotEnd = false });
        var late = Row(token with { EstimatedTime = Eta, EstimatedFrom = From, EstimatedTo = To, PastSlotEnd = true });

        Assert.Equal(("09:20 (–09:45)", "Expected about 09:20 (09:10–09:45)"), (ranged.TextContent, ranged.GetAttribute("title")));
        Assert.Equal(("09:20", null), (plain.TextContent, plain.GetAttribute("title")));
        Assert.Equal("09:20 (–09:45), after the slot", late.TextContent);
    }

    [Fact]
    public async Task The_desks_answer_reads_the_range_out_with_the_time()
    {
        var token = await Desk.Issue("walkin", (await Desk.NewSlot()).Id);

        var answer = Render<IssuedAnswer>(p => p.Add(a => a.Token, token with { EstimatedTime = Eta, EstimatedFrom = From, EstimatedTo = To }));

        Assert.Equal("Position 1 · expected about 09:20 (09:10–09:45)",
            string.Join(" ", answer.Find("[data-testid=issued-place]").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
    }

    [Theory]
    [InlineData("en", true, "Expected about 09:20 (09:10–09:45)")]
    [InlineData("hi", true, "अनुमानित समय लगभग 09:20 (09:10–09:45)")]
    [InlineData("ta", true, "எதிர்பார்க்கப்படும் நேரம் சுமார் 09:20 (09:10–09:45)")]
    [InlineData("en", false, "Expected about 09:20")]
    public void The_patient_page_tells_the_range_in_the_patients_language_and_its_live_state_carries_the_same_words(string language, bool ranged, string expected)
    {
        var token = new PatientTokenPage("T014", "Dr. Meena Rao", "101", OpdApp.Day, new TimeOnly(9, 0), TokenStatus.Waiting, 3, Eta, null, At(8, 50))
        {
            Language = language,
            EstimatedFrom = ranged ? From : null,
            EstimatedTo = ranged ? To : null,
        };
        var view = PatientPageView.From(token);

        var state = Render<TokenState>(p => p.Add(s => s.View, view));

        Assert.Equal(expected, string.Join(" ", state.Find("[data-w=estimate]").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Contains($"\"estimate\":\"{view["estimate"]}\"", view.Json());
    }

    [Fact]
    public async Task The_consoles_queue_and_the_patients_tokens_of_today_keep_the_boards_narrow_form()
    {
        var token = await Desk.Issue("walkin", (await Desk.NewSlot()).Id);
        TokenView[] ranged = [token with { EstimatedTime = Eta, EstimatedFrom = From, EstimatedTo = To, PastSlotEnd = false }];

        var console = Render<OpdReception.Components.Pages.Doctor.DayQueueTable>(p => p.Add(t => t.Queue, ranged));
        var record = Render<PatientTodayTable>(p => p.Add(t => t.Tokens, ranged));

        Assert.Contains("09:20 (–09:45)", console.Find("[data-testid=day-queue] tbody tr").TextContent);
        Assert.Equal("09:20 (–09:45)", record.Find("[data-testid=today-expected]").TextContent);
    }

    [Fact]
    public async Task A_token_expected_after_its_slot_reads_the_same_on_the_doctors_console_as_on_the_board()
    {
        var token = await Desk.Issue("walkin", (await Desk.NewSlot()).Id);
        var late = token with { EstimatedTime = Eta, EstimatedFrom = From, EstimatedTo = To, PastSlotEnd = true };

        var console = Render<OpdReception.Components.Pages.Doctor.DayQueueTable>(p => p.Add(t => t.Queue, [late]));

        Assert.Contains("09:20 (–09:45), after the slot", console.Find("[data-testid=day-queue] tbody tr").TextContent);
        Assert.Equal("09:20 (–09:45), after the slot", Row(late).TextContent);
    }

    [Fact]
    public void A_board_row_read_from_the_day_carries_the_places_range()
    {
        var slot = new SlotState(1, 1, OpdApp.Day, new TimeOnly(9, 0), new TimeOnly(10, 0), 6, 0, 1, 1, SlotStatus.Open, 0);
        var row = new TokenRow(7, 1, 1, "H-000007", "Asha Verma", null, TokenSource.WalkIn, TokenStatus.Waiting, 0, At(8, 0), At(8, 0), At(8, 0), null, null);
        var place = new DayPlace(7, 1, TokenStatus.Waiting, 1, Eta, false, "Walk-in", From, To, At(9, 0));

        var view = row.ToView(slot, "Dr. Meena Rao", place);

        Assert.Equal((Eta, From, To, At(9, 0)), (view.EstimatedTime, view.EstimatedFrom, view.EstimatedTo, view.NominalTime));
    }

    private AngleSharp.Dom.IElement Row(TokenView token)
    {
        // A row renders inside a table, as on the board: a parser drops a lone <tr>.
        var table = Render(builder =>
        {
            builder.OpenElement(0, "table");
            builder.OpenElement(1, "tbody");
            builder.OpenComponent<BoardRow>(2);
            builder.AddComponentParameter(3, nameof(BoardRow.Token), token);
            builder.AddComponentParameter(4, nameof(BoardRow.Now), At(8, 50));
            builder.CloseComponent();
            builder.CloseElement();
            builder.CloseElement();
        });
        return table.Find("[data-testid=row-expected]");
    }
}
