using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HsActors.Contracts.Models;
using HsActors.Text;
using Spectre.Console;

namespace HsActors.Cli;

/// <summary>
/// <c>hs models list|show|promote|rollback|canary|shadow|pin|unpin</c>: the silo's model administration over HTTP
/// (<c>--silo URL --key KEY</c>, or HSACTORS_URL / HSACTORS_KEY), as tables or <c>--json</c>.
/// </summary>
public static class ModelsCommand
{
    public const string UrlVariable = "HSACTORS_URL";
    public const string KeyVariable = "HSACTORS_KEY";

    public static Command Create(CliConsole console, HttpMessageHandler? handler = null)
    {
        var silo = new Option<string?>("--silo") { Description = $"The silo's base URL (default: ${UrlVariable}, else http://127.0.0.1:5080).", Recursive = true };
        var key = new Option<string?>("--key") { Description = $"An admin API key (default: ${KeyVariable}).", Recursive = true };
        var json = new Option<bool>("--json") { Description = "Print the API's JSON instead of a table.", Recursive = true };
        var ifMatch = new Option<string?>("--if-match") { Description = "Only change the pointer if its ETag is still this (from `hs models show`).", Recursive = true };
        var reason = new Option<string?>("--reason") { Description = "Why; kept in the pointer's history.", Recursive = true };
        var chapter = () => new Argument<string>("chapter") { Description = "Two-digit chapter (01..99), \"router\" or \"semantic\" (the semantic index: promote and rollback only)." };
        var version = () => new Argument<string>("version") { Description = "A version id from `hs models show`." };

        var command = new Command("models", "List, inspect, promote, roll back, canary, shadow and pin the silo's model versions.") { silo, key, json, ifMatch, reason };

        var list = new Command("list", "Every chapter with its active, canary and shadow versions, pin, fault and retraining.");
        list.SetAction((parsed, ct) => RunAsync(parsed, async client =>
        {
            var result = await client.ListAsync(ct);
            Print(console, parsed.GetValue(json), result, () => ListTable(result));
        }));
        command.Subcommands.Add(list);

        var showChapter = chapter();
        var show = new Command("show", "A chapter's pointer and version history with figures.") { showChapter };
        show.SetAction((parsed, ct) => RunAsync(parsed, async client =>
        {
            var result = await client.ShowAsync(parsed.GetRequiredValue(showChapter), ct);
            Print(console, parsed.GetValue(json), result, () => ShowTable(result));
        }));
        command.Subcommands.Add(show);

        var promoteVersion = version();
        command.Subcommands.Add(PointerCommand("promote", "Make a version active.", promoteVersion, p => new ModelPointerRequest { Version = p.GetValue(promoteVersion) }, clearable: false));
        var toVersion = new Argument<string?>("toVersion") { Description = "The version to return to (default: the one active before).", Arity = ArgumentArity.ZeroOrOne };
        command.Subcommands.Add(PointerCommand("rollback", "Return to an earlier version.", toVersion, p => new ModelPointerRequest { ToVersion = p.GetValue(toVersion) }, clearable: false));
        var canaryVersion = new Argument<string?>("version") { Description = "The version to send traffic to.", Arity = ArgumentArity.ZeroOrOne };
        var percent = new Option<int?>("--percent") { Description = "Share of request keys (0..100) the canary answers." };
        var canary = PointerCommand("canary", "Send a stable share of requests to a version (--clear to stop).", canaryVersion,
            p => new ModelPointerRequest { Version = p.GetValue(canaryVersion), Percent = p.GetValue(percent) }, clearable: true, needsPercent: true);
        canary.Options.Add(percent);
        command.Subcommands.Add(canary);
        var shadowVersion = new Argument<string?>("version") { Description = "The version to run beside the active one.", Arity = ArgumentArity.ZeroOrOne };
        command.Subcommands.Add(PointerCommand("shadow", "Run a version beside the active one on live traffic and compare (--clear to stop).", shadowVersion,
            p => new ModelPointerRequest { Version = p.GetValue(shadowVersion) }, clearable: true));
        command.Subcommands.Add(PointerCommand("pin", "Pin a chapter against automatic promotion (needs --reason).", null, _ => new ModelPointerRequest(), clearable: false));
        command.Subcommands.Add(PointerCommand("unpin", "Allow automatic promotion again.", null, _ => new ModelPointerRequest(), clearable: false));
        return command;

        Command PointerCommand(string name, string description, Argument? argument, Func<ParseResult, ModelPointerRequest> body, bool clearable, bool needsPercent = false)
        {
            var target = chapter();
            var change = new Command(name, description) { target };
            if (argument is not null)
            {
                change.Arguments.Add(argument);
            }
            var clear = new Option<bool>("--clear") { Description = $"Stop the {name}." };
            if (clearable)
            {
                change.Options.Add(clear);
            }
            change.SetAction((parsed, ct) => RunAsync(parsed, async client =>
            {
                var stop = clearable && parsed.GetValue(clear);
                var request = body(parsed) with { Reason = parsed.GetValue(reason) };
                if (clearable && !stop && request.Version is null)
                {
                    throw new CliUsageException($"{name} needs a version, or --clear.");
                }
                if (needsPercent && !stop && request.Percent is null)
                {
                    throw new CliUsageException($"{name} needs --percent (0..100), or --clear.");
                }
                var result = await client.ChangeAsync(stop ? HttpMethod.Delete : HttpMethod.Post, parsed.GetRequiredValue(target), name, request, parsed.GetValue(ifMatch), ct);
                Print(console, parsed.GetValue(json), result, () => ListTable(new ModelChapterList([result])));
            }));
            return change;
        }

        async Task<int> RunAsync(ParseResult parsed, Func<ModelAdminClient, Task> run)
        {
            var url = parsed.GetValue(silo) ?? Environment.GetEnvironmentVariable(UrlVariable) ?? "http://127.0.0.1:5080";
            var apiKey = parsed.GetValue(key) ?? Environment.GetEnvironmentVariable(KeyVariable)
                ?? throw new CliUsageException($"An admin key is needed: --key KEY or ${KeyVariable}.");
            if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
            {
                throw new CliUsageException($"--silo must be an http(s) URL, not '{url}'.");
            }
            using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
            http.BaseAddress = baseAddress;
            http.Timeout = TimeSpan.FromSeconds(100);
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
            try
            {
                await run(new ModelAdminClient(http));
            }
            catch (HttpRequestException e)
            {
                throw new ModelAdminException(0, $"Cannot reach the silo at {baseAddress}: {e.Message}");
            }
            return ExitCodes.Success;
        }
    }

    private static void Print<T>(CliConsole console, bool json, T value, Func<Table> table)
    {
        if (json)
        {
            console.Out.WriteLine(JsonSerializer.Serialize(value, new JsonSerializerOptions(JsonSerializerOptions.Web) { WriteIndented = true }));
        }
        else
        {
            console.Rich.Write(table());
        }
    }

    private static Table ListTable(ModelChapterList list)
    {
        var table = new Table().AddColumns("chapter", "active", "canary", "shadow", "pinned", "served", "fault", "shadow agreement", "retraining");
        foreach (var c in list.Chapters)
        {
            table.AddRow(
                Markup.Escape(c.Chapter),
                Markup.Escape(c.ActiveVersion ?? "-"),
                Markup.Escape(c.CanaryVersion is null ? "-" : $"{c.CanaryVersion} ({c.CanaryPercent} %)"),
                Markup.Escape(c.ShadowVersion ?? "-"),
                // Reasons are administrators' free text: escaped, so a control sequence in one cannot drive the terminal.
                Markup.Escape(c.Pinned ? $"yes: {LogText.Escape(c.PinReason)}" : "no"),
                Markup.Escape(c.Served?.Version ?? "(not loaded)"),
                Markup.Escape(c.Served?.Fault is { } f ? $"{f.Version}: {LogText.Escape(f.Reason)}" : "-"),
                Markup.Escape(c.Served?.Shadow is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s.AgreementRate:P1} of {s.Compared}") : "-"),
                Markup.Escape(c.Retraining is { } r ? $"{r.Pending} pending{(r.Running ? ", running" : "")}{(r.LastDecision is null ? "" : $", last {r.LastVersion} {r.LastDecision}")}" : "-"));
        }
        return table;
    }

    private static Table ShowTable(ModelChapterDetail detail)
    {
        var table = new Table().Title(Markup.Escape($"chapter {detail.Chapter.Chapter}, pointer revision {detail.Chapter.Revision}, ETag {detail.Chapter.ETag}"))
            .AddColumns("version", "status", "created", "by", "parent", "held-out top-1 @6/@8", "recent top-1 @8 (cand./active)");
        foreach (var v in detail.Versions)
        {
            table.AddRow(
                Markup.Escape(v.Version), Markup.Escape(v.Status), Markup.Escape(v.CreatedAt.ToString("u", CultureInfo.InvariantCulture)),
                Markup.Escape(v.CreatedBy), Markup.Escape(v.ParentVersion ?? "-"),
                Markup.Escape(Figure(v, "heldOut.top1At6") + " / " + Figure(v, "heldOut.top1At8")),
                Markup.Escape(Figure(v, "recent.candidate.top1At8") + " / " + Figure(v, "recent.active.top1At8")));
        }
        return table;
    }

    private static string Figure(ModelVersionInfo version, string name) =>
        version.Figures.TryGetValue(name, out var value) ? value.ToString("P1", CultureInfo.InvariantCulture) : "-";
}
