using System.Collections.Concurrent;
using System.Reflection;
using HsActors.Abstractions.Grains;

namespace HsActors.Grains.Runtime;

/// <summary>
/// How one grain interface method is dispatched: its turn kind (from [ReadOnly] / [AlwaysInterleave]) and a
/// compiled-once adapter that returns the right task type. Built once per method, like Orleans' generated invokers.
/// </summary>
internal sealed class GrainMethod
{
    private static readonly ConcurrentDictionary<MethodInfo, GrainMethod> Methods = new();
    private static readonly MethodInfo InvokeTypedDefinition =
        typeof(GrainMethod).GetMethod(nameof(InvokeTyped), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Func<IGrainActivationTable, string, object?[], object> _invoke;

    private GrainMethod(MethodInfo method)
    {
        Kind = method.IsDefined(typeof(AlwaysInterleaveAttribute), inherit: true) ? GrainCallKind.AlwaysInterleave
            : method.IsDefined(typeof(ReadOnlyAttribute), inherit: true) ? GrainCallKind.ReadOnly
            : GrainCallKind.Exclusive;
        var kind = Kind;
        if (method.ReturnType == typeof(Task))
        {
            _invoke = (table, key, args) => table.InvokeAsync(key, kind, async grain =>
            {
                await ((Task)Call(method, grain, args)).ConfigureAwait(false);
                return true;
            });
        }
        else if (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var typed = InvokeTypedDefinition.MakeGenericMethod(method.ReturnType.GetGenericArguments()[0]);
            var adapter = typed.CreateDelegate<Func<IGrainActivationTable, string, GrainCallKind, MethodInfo, object?[], object>>();
            _invoke = (table, key, args) => adapter(table, key, kind, method, args);
        }
        else
        {
            throw new NotSupportedException(
                $"{method.DeclaringType?.Name}.{method.Name} returns {method.ReturnType.Name}; grain methods must return Task or Task<T>.");
        }
    }

    public GrainCallKind Kind { get; }

    public static GrainMethod For(MethodInfo method) => Methods.GetOrAdd(method, m => new GrainMethod(m));

    /// <summary>Fails at registration, not at the first call, when an interface has a method the runtime cannot dispatch.</summary>
    public static void ValidateInterface(Type grainInterface)
    {
        foreach (var type in grainInterface.GetInterfaces().Append(grainInterface))
        {
            foreach (var method in type.GetMethods())
            {
                For(method);
            }
        }
    }

    public object Invoke(IGrainActivationTable table, string key, object?[] args) => _invoke(table, key, args);

    private static Task<T> InvokeTyped<T>(IGrainActivationTable table, string key, GrainCallKind kind, MethodInfo method, object?[] args) =>
        table.InvokeAsync(key, kind, grain => (Task<T>)Call(method, grain, args));

    private static object Call(MethodInfo method, Grain grain, object?[] args) =>
        method.Invoke(grain, BindingFlags.DoNotWrapExceptions, binder: null, args, culture: null)
        ?? throw new InvalidOperationException($"{grain.GetType().Name}.{method.Name} returned null instead of a task.");
}
