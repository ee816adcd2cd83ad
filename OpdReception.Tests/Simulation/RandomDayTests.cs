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
    public void A_lognormal_day_brings_the_same_patients_at_the_same_moments_and_only_their_times_differ()
    {
        var uniform = RandomDay.Build(Date, 3, 120);
        var lognormal = RandomDay.Build(Date, 3, 120, new ServiceTimes(ServiceModel.LogNormal, 0.5));

        Assert.Equal(uniform.Patients.Select(p => (p.Name, p.Source, p.Doctor, p.Slot, p.IssueAt, p.Cancel)),
            lognormal.Patients.Select(p => (p.Name, p.Source, p.Doctor, p.Slot, p.IssueAt, p.Cancel)));
        Assert.Equal(uniform.Patients.Where(p => !p.BooksAhead).Select(p => p.ArriveAt), lognormal.Patients.Where(p => !p.BooksAhead).Select(p => p.ArriveAt));
        Assert.Equal(uniform.Patients.Select(p => p.ArriveAt is null), lognormal.Patients.Select(p => p.ArriveAt is null));
        Assert.NotEqual(uniform.Patients.Select(p => p.ConsultMinutes), lognormal.Patients.Select(p => p.ConsultMinutes));
        Assert.All(uniform.Patients, p => Assert.InRange(p.ConsultMinutes!.Value, 6, 14));
    }

    [Fact]
    public void Lognormal_doctors_keep_their_own_pace_within_forty_per_cent_and_consultations_scatter_by_the_cv()
    {
        var draws = new LogNormalDraws(seed: 5, doctors: 8, nominalMinutes: 10, cv: 0.5);

        Assert.All(draws.DoctorMeans, mean => Assert.InRange(mean, 6, 14));
        Assert.True(draws.DoctorMeans.Max() - draws.DoctorMeans.Min() > 2, "doctors should differ");
        for (var doctor = 0; doctor < 2; doctor++)
        {
            var minutes = Enumerable.Range(0, 20_000).Select(_ => (double)draws.ConsultMinutes(doctor)).ToList();
            var mean = minutes.Average();
            var cv = Math.Sqrt(minutes.Average(m => (m - mean) * (m - mean))) / mean;
            Assert.InRange(mean / draws.DoctorMeans[doctor], 0.97, 1.03);
            Assert.InRange(cv, 0.45, 0.55);
        }
    }

    [Fact]
    public void Lognormal_bookings_arrive_about_ten_minutes_early_give_or_take_twelve()
    {
        var draws = new LogNormalDraws(seed: 5, doctors: 1, nominalMinutes: 10, cv: 0.5);

        var offsets = Enumerable.Range(0, 20_000).Select(_ => (double)draws.ArrivalOffsetMinutes()).ToList();
        var mean = offsets.Average();

        Assert.InRange(mean, -11, -9);
        Assert.InRange(Math.Sqrt(offsets.Average(o => (o - mean) * (o - mean))), 11, 13);
        Assert.Contains(offsets, o => o > 15); // a few late enough to be marked no-show first
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
