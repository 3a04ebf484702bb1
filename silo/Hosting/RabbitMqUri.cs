using HsActors.Streaming.RabbitMq;

namespace HsActors.Silo.Hosting;

/// <summary>Reads <c>amqp://user:password@host:port/vhost</c> into the stream's endpoint (guest/guest, 5672 and "/" when left out).</summary>
internal static class RabbitMqUri
{
    public static RabbitMqEndpoint Parse(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != "amqp" || string.IsNullOrEmpty(uri.Host))
        {
            throw new InvalidOperationException($"HsActors:RabbitMq:Uri '{text}' is not an amqp://user:password@host:port/vhost URI.");
        }
        var endpoint = new RabbitMqEndpoint { HostName = uri.Host, Port = uri.IsDefaultPort || uri.Port < 0 ? 5672 : uri.Port };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            endpoint = endpoint with
            {
                UserName = Uri.UnescapeDataString(parts[0]),
                Password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : endpoint.Password,
            };
        }
        var virtualHost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return virtualHost.Length == 0 ? endpoint : endpoint with { VirtualHost = virtualHost };
    }
}
