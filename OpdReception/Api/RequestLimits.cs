using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OpdReception.Security;
using OpdReception.Services;

namespace OpdReception.Api;

/// <summary>
/// Bounds on what one caller can ask of the API: the size of a body (413 before it is read) and how many tokens
/// one client may issue per minute (429 with Retry-After), both `Opd` settings.
/// </summary>
internal static class RequestLimits
{
    public const string IssueLimit = "issue";

    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        // Issuing has its own words for a refusal; the other limits keep theirs.
        return services.AddMinuteLimit(IssueLimit, Client,
            http => http.RequestServices.GetRequiredService<IOptionsMonitor<OpdOptions>>().CurrentValue.IssuesPerMinutePerClient,
            RefuseAsync);
    }

    /// <summary>The signed-in user, so desks sharing one hospital address do not share a limit; else the address.</summary>
    private static string Client(HttpContext http) =>
        http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } user ? $"user:{user}" : $"ip:{http.Connection.RemoteIpAddress}";

    private static async ValueTask RefuseAsync(OnRejectedContext context)
    {
        var http = context.HttpContext;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many tokens issued.",
                Detail = $"This client issued {http.RequestServices.GetRequiredService<IOptionsMonitor<OpdOptions>>().CurrentValue.IssuesPerMinutePerClient} tokens in the last minute, the most allowed. Please wait {seconds} seconds; nothing was issued.",
            },
        });
    }

    /// <summary>Refuses an API body over the limit: by its Content-Length at once, else when reading passes the limit.</summary>
    public static IApplicationBuilder UseBodyLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (OpdPaths.IsApi(http.Request.Path))
        {
            var max = http.RequestServices.GetRequiredService<IOptionsMonitor<OpdOptions>>().CurrentValue.MaxRequestBodyKilobytes * 1024L;
            if (http.Request.ContentLength > max)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status413PayloadTooLarge,
                        Title = "The request is too large.",
                        Detail = $"A request body may be at most {max / 1024} KB.",
                    },
                });
                return;
            }

            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = max;
            }
            else
            {
                http.Request.Body = new LimitedBody(http.Request.Body, max);
            }
        }

        await next(http);
    });

    /// <summary>Where the server cannot enforce a body limit itself (a test host), reading past it is a 413 all the same.</summary>
    private sealed class LimitedBody(Stream inner, long max) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            return _read > max ? throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge) : read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
