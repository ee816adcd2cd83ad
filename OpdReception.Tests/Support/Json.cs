using System.Net.Http.Json;
using System.Text.Json;
using OpdReception.Api;

namespace OpdReception.Tests.Support;

public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Answers carry the hospital's offset; reading keeps the hospital's wall clock as written.
        Converters = { new WordEnumConverter(), new ClockTimeConverter(), new OffsetDateTimeConverter(null) },
    };

    public static async Task<T> Read<T>(this HttpResponseMessage response)
    {
        var value = await response.Content.ReadFromJsonAsync<T>(Options);
        return value ?? throw new InvalidOperationException($"Empty body from {response.RequestMessage?.RequestUri}");
    }

    public static async Task<JsonElement> ReadJson(this HttpResponseMessage response) => await response.Read<JsonElement>();

    public static Task<HttpResponseMessage> Post(this HttpClient client, string url, object? body) =>
        client.PostAsJsonAsync(url, body, Options);

    public static Task<HttpResponseMessage> Patch(this HttpClient client, string url, object? body) =>
        client.PatchAsJsonAsync(url, body, Options);
}
