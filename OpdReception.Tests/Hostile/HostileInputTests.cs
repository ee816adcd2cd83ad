using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OpdReception.Services;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Hostile;

/// <summary>
/// Every endpoint, hundreds of bad requests: each answer is a 4xx ProblemDetails (never a 5xx, a dropped
/// connection, a stack trace or a type name), and not one row of the database changes.
/// </summary>
public sealed class HostileInputTests(OpdApp app) : IClassFixture<OpdApp>
{
    private static readonly string[] Leaks = ["   at ", "Exception", "System.", "Microsoft.", "OpdReception.", "StackTrace"];

    [Fact]
    public async Task Hundreds_of_bad_requests_to_every_endpoint_get_a_4xx_problem_and_change_no_row()
    {
        var ids = await SeedAsync();
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>();
        var corpus = HostileCorpus.Build(endpoints, ids);
        var client = app.CreateClient();

        // The console's routes are the doctor's own: sent by the doctor too, not only by an admin covering.
        var doctor = await app.ClientAsAsync(OpdReception.Security.Roles.Doctor, ids.DoctorId);
        var console = $"/api/doctors/{ids.DoctorId}/";
        var sends = corpus.Select(c => (Client: client, Case: c))
            .Concat(corpus.Where(c => c.Url.StartsWith(console, StringComparison.Ordinal)).Select(c => (Client: doctor, Case: c)))
            .ToList();
        var before = DatabaseHash(app.DatabaseFile);

        var failures = new List<string>();
        foreach (var (sender, hostile) in sends)
        {
            if (await CheckAsync(sender, hostile) is { } failure)
            {
                failures.Add($"{(sender == doctor ? "as the doctor " : "")}{hostile}: {failure}");
            }
        }

        var routes = HostileCorpus.Routes(endpoints);
        Assert.True(corpus.Count >= 500, $"only {corpus.Count} bad requests");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sends.Count} bad requests were not refused cleanly:\n{string.Join("\n", failures.Take(40))}");
        Assert.Equal(before, DatabaseHash(app.DatabaseFile));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{sends.Count} bad requests to {routes.Count} endpoints ({routes.Count(r => r.Contains("/api/admin/", StringComparison.Ordinal))} admin, " +
            $"{routes.Count(r => r.Contains("/api/doctors/{id:int}/", StringComparison.Ordinal))} under a doctor, console included), all refused with a 4xx ProblemDetails; database unchanged.");
    }

    [Theory]
    [InlineData("आशा वर्मा")]
    [InlineData("கவியா நாயர்")]
    [InlineData("فاطمة الزهراء")]
    [InlineData("সুমিতা দাস")]
    [InlineData("Asha आशा வர்மா فاطمة সুমিতা")]
    [InlineData("র‍্যাব শ্রী")]
    [InlineData("क्‌ष ज़ ञ")]
    public async Task Names_in_any_script_are_accepted_and_come_back_byte_for_byte(string name)
    {
        var desk = new Desk(app.CreateClient());
        var slot = await desk.NewSlot();

        var token = await desk.Issue("walkin", slot.Id, name: name);
        var read = await desk.Token(token.Id);

        Assert.Equal(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(token.PatientName));
        Assert.Equal(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(read.PatientName));
        Assert.Equal(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(StoredName(token.PatientId)));
    }

    private static async Task<string?> CheckAsync(HttpClient client, HostileCase hostile)
    {
        HttpResponseMessage response;
        string body;
        try
        {
            using var request = hostile.Request();
            response = await client.SendAsync(request);
            body = await response.Content.ReadAsStringAsync();
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
        {
            return $"no answer ({ex.GetType().Name})";
        }

        var status = (int)response.StatusCode;
        if (status is < 400 or >= 500)
        {
            return $"{status} {Cut(body)}";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}";
        }

        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.TryGetProperty("status", out var said) && said.GetInt32() != status)
            {
                return $"{status} says status {said}";
            }
        }
        catch (JsonException)
        {
            return $"{status} with a body that is not JSON: {Cut(body)}";
        }

        return Leaks.FirstOrDefault(l => body.Contains(l, StringComparison.Ordinal)) is { } leak ? $"{status} leaks \"{leak}\": {Cut(body)}" : null;
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>Real records in several states, so bad requests meet real ids.</summary>
    private async Task<KnownIds> SeedAsync()
    {
        var desk = new Desk(app.CreateClient());
        var doctor = await desk.Doctor();
        var slot = await desk.Slot(doctor.Id, "09:00", "10:00", capacity: 6);
        var other = await desk.Slot(doctor.Id, "10:00", "11:00", capacity: 6);
        var booked = await desk.Issue("book", slot.Id, patientId: "P-HOSTILE-1", name: "Meera Iyer");
        await desk.Issue("walkin", slot.Id);
        var cancelled = await desk.Issue("book", other.Id);
        Assert.Equal(HttpStatusCode.OK, (await desk.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/tokens/{cancelled.Id}/cancel")
        {
            Content = JsonContent.Create(new { reason = "Patient called" }),
        })).StatusCode);
        var account = await desk.Client.PostAsJsonAsync("/api/admin/users",
            new { email = "hostile-target@opd.test", displayName = "Hostile Target", password = "Target-pass-2026", roles = new[] { "Receptionist" } });
        Assert.Equal(HttpStatusCode.Created, account.StatusCode);
        var userId = (await account.ReadJson()).GetProperty("id").GetString()!;
        var settings = (await (await desk.Client.GetAsync("/api/admin/settings")).ReadJson()).GetProperty("effective").GetRawText();
        return new KnownIds(booked.Id, slot.Id, other.Id, doctor.Id, "P-HOSTILE-1", userId, new Dictionary<Type, string> { [typeof(OpdReception.Domain.SettingValues)] = settings });
    }

    private string StoredName(string patientId)
    {
        using var db = new SqliteConnection($"Data Source={app.DatabaseFile};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT Name FROM Patients WHERE Id = $id;";
        command.Parameters.AddWithValue("$id", patientId);
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>A hash over every row of every table, in a fixed order.</summary>
    private static string DatabaseHash(string file)
    {
        using var db = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        db.Open();
        var tables = new List<string>();
        using (var list = db.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var all = new StringBuilder();
        foreach (var table in tables)
        {
            using var select = db.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\";";
            using var reader = select.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add(string.Join('\u001F', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "\u2400" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }

            rows.Sort(StringComparer.Ordinal);
            all.Append(table).Append('\u001E').AppendJoin('\u001E', rows).Append('\u001D');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(all.ToString())));
    }
}
