using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;
using OpdReception.Data;
using OpdReception.Domain;
using OpdReception.Services;
using OpdReception.Services.Messages;

namespace OpdReception.Tests.Messages;

/// <summary>
/// A mail server that takes the message but leaves QUIT unanswered: the message counts as sent and is not sent again
/// (it was "not accepted", so retried, so the patient got it twice).
/// </summary>
public sealed class EmailQuitTests
{
    [Fact]
    public async Task A_message_the_server_took_is_accepted_even_when_it_never_answers_quit()
    {
        using var server = new SilentQuitServer();
        var delivery = new MessageDeliveryOptions();
        (delivery.Smtp.Host, delivery.Smtp.Port, delivery.Smtp.UseTls, delivery.Smtp.From, delivery.Smtp.TimeoutSeconds) =
            ("127.0.0.1", server.Port, false, "opd@hospital.example", 2);
        var channel = new EmailChannel(Options.Create(delivery), new FixedMonitor<OpdOptions>(new OpdOptions()));
        var message = new OutboxMessage { MessageId = "quit-1", Recipient = "asha@example.org", Text = "City Hospital OPD: token T001, please go to Room 101 now.", TokenNumber = "T001", Language = "en" };

        var result = await channel.SendAsync(message, TestContext.Current.CancellationToken);

        Assert.IsType<AttemptResult.Accepted>(result);
        Assert.Equal(1, server.MessagesTaken);
    }

    private sealed class FixedMonitor<T>(T value) : IOptionsMonitor<T>
    {
        public T CurrentValue => value;

        public T Get(string? name) => value;

        public IDisposable? OnChange(Action<T, string?> listener) => null;
    }

    /// <summary>Plain SMTP over loopback: answers everything up to the message, then reads QUIT and says nothing.</summary>
    private sealed class SilentQuitServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private int _taken;

        public SilentQuitServer()
        {
            _listener.Start();
            _ = ServeAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int MessagesTaken => Volatile.Read(ref _taken);

        private async Task ServeAsync()
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            async Task Say(string line) => await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), _stop.Token);
            await Say("220 localhost ready");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ')[0].ToUpperInvariant();
                if (verb == "QUIT")
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token);
                }
                else if (verb == "DATA")
                {
                    await Say("354 go ahead");
                    while (await reader.ReadLineAsync(_stop.Token) is { } body && body != ".")
                    {
                    }

                    Interlocked.Increment(ref _taken);
                    await Say("250 taken");
                }
                else
                {
                    await Say(verb is "EHLO" or "HELO" ? "250 localhost" : "250 ok");
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
    }
}
