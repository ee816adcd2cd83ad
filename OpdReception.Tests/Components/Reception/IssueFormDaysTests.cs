using Bunit;
using OpdReception.Components.Pages.Reception;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Components.Reception;

/// <summary>The issue form's day: why no slot is there, and which days the calendar marks.</summary>
public sealed class IssueFormDaysTests(OpdApp app) : DeskContext(app)
{
    private IRenderedComponent<IssueForm> Form(int doctorId) => Render<IssueForm>(p => p.Add(f => f.DoctorId, doctorId));

    [Fact]
    public async Task A_doctor_without_OPD_on_the_weekday_is_named_with_the_weekday()
    {
        var doctor = await Desk.Doctor(name: "Dr. Not Mondays", opdDays: ["Tuesday", "Thursday"]);

        var form = Form(doctor.Id);

        form.WaitForAssertion(() => Assert.Equal("Dr. Not Mondays has no OPD on Mondays.", form.Find("[data-testid=why-no-slot]").TextContent.Trim()));
    }

    [Fact]
    public async Task A_doctor_on_leave_is_said_to_be_on_leave_that_day()
    {
        var doctor = await Desk.Doctor(name: "Dr. Away Monday");
        var leave = await Desk.Client.Post("/api/admin/leave", new { doctorId = doctor.Id, from = OpdApp.Day.ToString("yyyy-MM-dd"), reason = "Course" });
        Assert.True(leave.IsSuccessStatusCode);

        var form = Form(doctor.Id);

        form.WaitForAssertion(() => Assert.Equal($"Dr. Away Monday is on leave on {OpdApp.Day:d MMM}.", form.Find("[data-testid=why-no-slot]").TextContent.Trim()));
    }

    [Fact]
    public async Task The_calendar_marks_only_days_with_a_slot_taking_tokens_and_a_free_seat()
    {
        var doctor = await Desk.Doctor();
        await Desk.Slot(doctor.Id, "09:00", "10:00");
        var full = await Desk.Slot(doctor.Id, "09:00", "10:00", capacity: 1, date: OpdApp.Day.AddDays(1));
        await Desk.Issue("book", full.Id);
        await Desk.Slot(doctor.Id, "09:00", "10:00", date: OpdApp.Day.AddDays(2));
        var cancelled = await Desk.Slot(doctor.Id, "09:00", "10:00", date: OpdApp.Day.AddDays(3));
        await Desk.Client.Post($"/api/slots/{cancelled.Id}/cancel", new { reason = "Audit" });

        var open = await Service<DeskService>().OpenDaysAsync(doctor.Id, OpdApp.Day, 10);

        Assert.Equal([OpdApp.Day, OpdApp.Day.AddDays(2)], open.Order());
    }
}
