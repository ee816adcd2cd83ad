using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_answers_anyone_with_a_readable_writable_database_and_no_patient_data()
    {
        await using var app = new OpdApp();
        var desk = new Desk(app.CreateClient());
        var token = await desk.Issue("walkin", (await desk.NewSlot()).Id, name: "Meera Iyer");

        var response = await app.AnonymousClient().GetAsync("/health", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var health = JsonDocument.Parse(body).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("app").GetProperty("status").GetString());
        var database = health.GetProperty("database");
        Assert.True(database.GetProperty("canRead").GetBoolean());
        Assert.True(database.GetProperty("canWrite").GetBoolean());
        Assert.True(database.GetProperty("walBytes").GetInt64() > 0);
        Assert.DoesNotContain(token.PatientId, body);
        Assert.DoesNotContain("Meera", body);
        Assert.DoesNotContain(token.TokenNumber, body);
        Assert.DoesNotContain(app.DatabaseFile, body);
    }

    [Fact]
    public async Task Health_answers_503_when_the_database_file_is_no_database()
    {
        await using var app = new OpdApp();
        var client = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode);

        SqliteConnection.ClearAllPools();
        File.Delete(app.DatabaseFile + "-wal");
        File.Delete(app.DatabaseFile + "-shm");
        await File.WriteAllBytesAsync(app.DatabaseFile, Enumerable.Repeat((byte)'x', 8192).ToArray(), TestContext.Current.CancellationToken);

        var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", health.GetProperty("status").GetString());
        Assert.False(health.GetProperty("database").GetProperty("canRead").GetBoolean());
        Assert.False(health.GetProperty("database").GetProperty("canWrite").GetBoolean());
        Assert.Contains("not a database", health.GetProperty("database").GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_signed_in_request_to_an_unusable_database_is_a_problem_not_a_500()
    {
        await using var app = new OpdApp();
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/doctors", TestContext.Current.CancellationToken)).StatusCode);

        SqliteConnection.ClearAllPools();
        File.Delete(app.DatabaseFile + "-wal");
        File.Delete(app.DatabaseFile + "-shm");
        await File.WriteAllBytesAsync(app.DatabaseFile, Enumerable.Repeat((byte)'x', 8192).ToArray(), TestContext.Current.CancellationToken);

        var response = await client.GetAsync("/api/doctors", TestContext.Current.CancellationToken);

        // The bearer check cannot read the user either, so the request may go on unsigned (401) or reach the endpoint (503).
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.ServiceUnavailable });
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
