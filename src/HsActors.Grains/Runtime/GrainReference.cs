using System.Reflection;

namespace HsActors.Grains.Runtime;

/// <summary>
/// The object a caller holds for a grain: implements the grain interface and turns each call into a scheduled call
/// on the key's activation. Not sealed because <see cref="DispatchProxy"/> derives the interface's proxy type from it.
/// </summary>
public class GrainReference : DispatchProxy
{
    private IGrainActivationTable? _table;
    private string _key = "";

    public string Key => _key;

    internal static TGrainInterface Create<TGrainInterface>(IGrainActivationTable table, string key)
        where TGrainInterface : class
    {
        var proxy = Create<TGrainInterface, GrainReference>();
        var reference = (GrainReference)(object)proxy;
        reference._table = table;
        reference._key = key;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var table = _table ?? throw new InvalidOperationException("The grain reference was not created by the grain runtime.");
        return GrainMethod.For(targetMethod).Invoke(table, _key, args ?? []);
    }
}
