namespace OpdReception.Data;

/// <summary>
/// One doctor's day, summed up when the day closed (<see cref="Services.DaySummaries"/>): what the reports read, so
/// a month's report reads about 31 rows per doctor whatever the history, never the tokens. The samples are whole
/// minutes per patient as text (<see cref="Domain.SummaryText"/>), so medians and p90s over any period are exact.
/// </summary>
public sealed class DailySummary
{
    public long Id { get; set; }
    public int DoctorId { get; set; }
    public DateOnly Date { get; set; }
    public DateTime WrittenAt { get; set; }

    public int Online { get; set; }
    public int WalkIn { get; set; }
    public int Priority { get; set; }
    public int FollowUp { get; set; }
    public int Emergency { get; set; }

    public int Seen { get; set; }
    public int DidNotCome { get; set; }
    public int Cancelled { get; set; }

    /// <summary>Check-in to first call, minutes by hour of check-in: "9:3,5;10:12".</summary>
    public string WaitsByHour { get; set; } = "";

    /// <summary>Call to completion, sorted minutes: "6,8,11".</summary>
    public string Consultations { get; set; } = "";

    /// <summary>Patients expected (seen or did not come) by the hour their slot starts: "9:12/2;10:8/0".</summary>
    public string AttendanceByHour { get; set; } = "";

    public int Told { get; set; }
    public int OnTime { get; set; }

    /// <summary>Minutes between the time first told and the call, sorted: "0,2,14".</summary>
    public string Misses { get; set; } = "";

    public int EmergencySeatsAdded { get; set; }
    public int Capacity { get; set; }
    public int SeatsTaken { get; set; }
}
