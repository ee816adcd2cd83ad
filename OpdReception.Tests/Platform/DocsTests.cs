using System.Net;
using System.Text.Json;
using OpdReception.Tests.Support;

namespace OpdReception.Tests.Platform;

public sealed class DocsTests(OpdApp app) : IClassFixture<OpdApp>
{
    [Theory]
    [InlineData("/api/doctors", "post")]
    [InlineData("/api/slots/{id}/delay", "patch")]
    [InlineData("/api/slots/doctor/{doctorId}/available", "get")]
    [InlineData("/api/tokens/book", "post")]
    [InlineData("/api/tokens/emergency", "post")]
    [InlineData("/api/tokens/queue/{slotId}", "get")]
    [InlineData("/api/tokens/{id}/status", "patch")]
    [InlineData("/api/tokens/{id}/cancel", "delete")]
    [InlineData("/api/tokens/reallocate/{slotId}", "post")]
    [InlineData("/api/slots/{id}/call-next", "post")]
    [InlineData("/api/doctors/{id}/call-next", "post")]
    [InlineData("/api/doctors/{id}/queue", "get")]
    public async Task OpenAPI_document_describes_each_endpoint_with_its_error_codes(string path, string method)
    {
        var document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ReadJson();

        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);

        Assert.Contains(operation.GetProperty("responses").EnumerateObject(), r => r.Name.StartsWith('4'));
    }

    [Fact]
    public async Task Docs_page_is_served()
    {
        var response = await app.CreateClient().GetAsync("/docs/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Unknown_api_path_is_a_404_problem_not_a_page()
    {
        var response = await app.CreateClient().GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(JsonValueKind.Object, (await response.ReadJson()).ValueKind);
    }
}
