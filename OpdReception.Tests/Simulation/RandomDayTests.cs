using OpdReception.Domain;
using OpdReception.Simulation;

namespace OpdReception.Tests.Simulation;

/// <summary>A random day looks like a real OPD of its size.</summary>
public sealed class RandomDayTests
{
    private static readonly DateOnly Date = ScriptedDay.Date;

    [Theory]
    [InlineData(22, 3)]
    [InlineData(90, 3)]
    [InlineData(120, 4)]
    [InlineData(200, 7)]
    [InlineData(300, 10)]
    public void Doctors_follow_the_number_of_patients(int patients, int doctors)
    {
        var plan = RandomDay.Build(Date, seed: 1, patients);

        Assert.Equal(doctors, plan.Doctors.Count);
        Assert.Equal(doctors, plan.Doctors.Select(d => d.Name).Distinct().Count());
        Assert.All(plan.Patients, p => Assert.InRange(p.Doctor, 0, doctors - 1));
        Assert.All(plan.Delays, d => Assert.InRange(d.Doctor, 0, doctors - 1));
    }

    [Fact]
    public void Emergencies_are_a_few_per_cent_of_patients()
    {
        var patients = Enumerable.Range(1, 10).SelectMany(seed => RandomDay.Build(Date, seed, 300).Patients).ToList();

        var share = (double)patients.Count(p => p.Source == TokenSource.Emergency) / patients.Count;

        Assert.InRange(share, 0.01, 0.05);
    }

    [Fact]
    public async Task A_busy_day_seats_most_patients_and_the_delayed_doctor_calls_nobody_while_away()
    {
        var settings = new SimulationSettings(Seed: 4, Patients: 200);
        var plan = RandomDay.Build(Date, 4, 200);

        var report = await OpdDaySimulation.RunDayAsync(settings, TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.True(report.CheckHolds, string.Join("; ", report.Problems));
        Assert.True(report.DeskIssued >= 0.95 * 200, $"only {report.DeskIssued} of 200 got a token");
        Assert.True(report.Total.Completed >= 0.8 * 200, $"only {report.Total.Completed} of 200 were seen");
        var delay = Assert.Single(plan.Delays);
        var doctor = plan.Doctors[delay.Doctor];
        var away = plan.At(plan.Slots[delay.Slot].Start);
        var back = away.AddMinutes(delay.Minutes);
        Assert.DoesNotContain(report.Called, p => p.Doctor.StartsWith(doctor.Name, StringComparison.Ordinal) && p.CalledAt >= away && p.CalledAt < back);
        Assert.Contains(report.Called, p => p.Doctor.StartsWith(doctor.Name, StringComparison.Ordinal) && p.CalledAt >= back);
    }
}
