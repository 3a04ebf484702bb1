using HsActors.Silo.Hosting;

namespace HsActors.Silo.Tests;

public sealed class RabbitMqUriTests
{
    [Fact]
    public void A_full_uri_names_host_port_user_password_and_virtual_host()
    {
        var endpoint = RabbitMqUri.Parse("amqp://hs%40ops:p%3Ass@broker.internal:5673/customs%2Fprod");

        Assert.Equal(("broker.internal", 5673, "hs@ops", "p:ss", "customs/prod"),
            (endpoint.HostName, endpoint.Port, endpoint.UserName, endpoint.Password, endpoint.VirtualHost));
    }

    [Fact]
    public void Left_out_parts_take_the_brokers_defaults()
    {
        var endpoint = RabbitMqUri.Parse("amqp://127.0.0.1");

        Assert.Equal((5672, "guest", "guest", "/"), (endpoint.Port, endpoint.UserName, endpoint.Password, endpoint.VirtualHost));
    }

    [Theory]
    [InlineData("http://broker:5672")]
    [InlineData("broker:5672")]
    [InlineData("amqp://")]
    public void Anything_but_an_amqp_uri_is_refused_with_the_setting_named(string text)
    {
        var error = Assert.Throws<InvalidOperationException>(() => RabbitMqUri.Parse(text));

        Assert.Contains("HsActors:RabbitMq:Uri", error.Message, StringComparison.Ordinal);
    }
}
