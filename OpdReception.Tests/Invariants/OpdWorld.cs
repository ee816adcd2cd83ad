using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Invariants;

/// <summary>
/// A small hospital on its own SQLite file, played step by step through the app's real services on the app's clock:
/// two cardiologists and a dermatologist, small slots so they fill, today and tomorrow. Today's cut-off is 13:00, so
/// a sequence lives through the whole day and its close; past 13:30 the clock jumps to tomorrow morning.
/// </summary>
public sealed partial class OpdWorld : IAsyncDisposable
{
    public const int GraceMinutes = 10;

    public static readonly TimeOnly CutOff = new(13, 0);

    public static readonly DateOnly Today = OpdApp.Day;

    public static DateOnly Tomorrow => Today.AddDays(1);

    private static readonly Actor DeskUser = new("desk", "desk-user");

    private readonly OpdApp _app;
    private readonly AsyncServiceScope _scope;
    private readonly List<Doctor> _doctors = [];
    private readonly List<SlotRow> _slots = [];

    private OpdWorld(OpdApp app)
    {
        _app = app;
        _scope = app.Services.CreateAsyncScope();
    }

    private sealed record Doctor(int Id, string Name, Actor Actor);

    private sealed record SlotRow(int Id, Doctor Doctor, DateOnly Date, TimeOnly Start, TimeOnly End)
    {
        public override string ToString() => $"slot {Id} ({Doctor.Name} {(Date == Today ? "today" : "tomorrow")} {Start:HH\\:mm})";
    }

    public IReadOnlySet<int> DoctorIds => _doctors.Select(d => d.Id).ToHashSet();

    public DateTime Now => _app.Clock.Now;

    public IDbContextFactory<OpdDbContext> Database => _scope.ServiceProvider.GetRequiredService<IDbContextFactory<OpdDbContext>>();

    private T Service<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    public static async Task<OpdWorld> StartAsync()
    {
        var app = new OpdApp()
            .With("Opd:LateArrivalGraceMinutes", GraceMinutes.ToString())
            .With("Opd:NoShowTimeoutMinutes", "15")
            .With("Opd:DayCutOff", CutOff.ToString("HH:mm"));
        app.Clock.Set(Today.ToDateTime(new TimeOnly(7, 30)));
        var world = new OpdWorld(app);
        try
        {
            await world.OpenAsync();
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    private async Task OpenAsync()
    {
        var a = await DoctorAsync("Dr A", "Cardiology");
        var b = await DoctorAsync("Dr B", "Cardiology");
        var c = await DoctorAsync("Dr C", "Dermatology");
        await SlotAsync(a, Today, "09:00", "10:00", 3, 10);
        await SlotAsync(a, Today, "10:00", "11:00", 3, 10);
        await SlotAsync(a, Today, "11:00", "12:00", 2, 10);
        await SlotAsync(b, Today, "09:30", "10:30", 3, 15);
        await SlotAsync(b, Today, "10:30", "12:00", 3, 15);
        await SlotAsync(c, Today, "09:00", "10:00", 2, 10);
        await SlotAsync(c, Today, "10:00", "11:00", 2, 10);
        await SlotAsync(a, Tomorrow, "09:00", "10:00", 3, 10);
        await SlotAsync(a, Tomorrow, "10:00", "11:00", 2, 10);
        await SlotAsync(b, Tomorrow, "09:00", "10:00", 2, 15);
        await SlotAsync(c, Tomorrow, "09:00", "10:00", 2, 10);

        // Twenty patients on record, so the same people come back and hold tokens with several doctors.
        await using var db = await Database.CreateDbContextAsync();
        db.Patients.AddRange(Patients.Select(id => new Patient { Id = id, Name = $"Patient {id}", Phone = "+91 98765 43210" }));
        await db.SaveChangesAsync();
    }

    private static readonly IReadOnlyList<string> Patients = [.. Enumerable.Range(1, 20).Select(n => HospitalNumberPattern.Default.Format(900_000 + n))];

    private async Task<Doctor> DoctorAsync(string name, string specialization)
    {
        var created = await Service<DoctorService>().CreateAsync(new DoctorRequest(name, specialization, Enum.GetNames<DayOfWeek>(), "101"), "admin");
        var doctor = new Doctor(created.Value!.Id, name, new Actor(name, $"doctor-{created.Value.Id}"));
        _doctors.Add(doctor);
        return doctor;
    }

    private async Task SlotAsync(Doctor doctor, DateOnly date, string start, string end, int capacity, int minutes)
    {
        var created = await Service<SlotService>().CreateAsync(new SlotRequest(doctor.Id, date, TimeOnly.Parse(start), TimeOnly.Parse(end), capacity, minutes));
        Assert.True(created.IsOk, created.Problem?.Detail);
        _slots.Add(new SlotRow(created.Value!.Id, doctor, date, TimeOnly.Parse(start), TimeOnly.Parse(end)));
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        await _app.DisposeAsync();
    }
}
