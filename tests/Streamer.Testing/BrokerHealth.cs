using System.Net.Sockets;
using RabbitMQ.Client;

namespace Streamer.Testing;

/// <summary>Polls a broker until it answers (or stops answering) after a start, stop or install.</summary>
internal static class BrokerHealth
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static async Task WaitUntilAmqpAnswersAsync(Uri amqpUri, TimeSpan timeout)
    {
        var factory = new ConnectionFactory
        {
            Uri = amqpUri,
            AutomaticRecoveryEnabled = false,
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
        };
        await PollAsync(
            async ct =>
            {
                try
                {
                    await using var connection = await factory.CreateConnectionAsync(ct);
                    await connection.CloseAsync(ct);
                    return true;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    return false;
                }
            },
            timeout,
            $"the broker at {amqpUri.Host}:{amqpUri.Port} did not accept an AMQP connection");
    }

    public static Task WaitUntilAmqpRefusesAsync(Uri amqpUri, TimeSpan timeout) =>
        PollAsync(
            async ct =>
            {
                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync(amqpUri.Host, amqpUri.Port, ct);
                    return false;
                }
                catch (SocketException)
                {
                    return true;
                }
            },
            timeout,
            $"the broker at {amqpUri.Host}:{amqpUri.Port} still accepts connections");

    public static async Task WaitUntilManagementAnswersAsync(BrokerEndpoint endpoint, TimeSpan timeout)
    {
        using var api = new ManagementApi(endpoint.ManagementUri, endpoint.UserName, endpoint.Password);
        await PollAsync(
            api.AnswersAsync,
            timeout,
            $"the RabbitMQ management API at {endpoint.ManagementUri} did not answer");
    }

    private static async Task PollAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, string failure)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            while (!await condition(cts.Token))
            {
                await Task.Delay(PollInterval, cts.Token);
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"{failure} within {timeout.TotalSeconds:0} s.");
        }
    }
}
