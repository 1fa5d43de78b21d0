using Spectre.Console.Cli;

namespace TwoWay.Cli.Infrastructure;

/// <summary>
/// A minimal type registrar for Spectre.Console.Cli: commands get the <see cref="Terminal"/> and
/// other singletons through their constructors, so tests can run the real app in-process.
/// </summary>
internal sealed class Registrar : ITypeRegistrar
{
    private readonly Dictionary<Type, Func<object>> _factories = [];

    public void Register(Type service, Type implementation) =>
        _factories[service] = () => Activate(implementation);

    public void RegisterInstance(Type service, object implementation) => _factories[service] = () => implementation;

    public void RegisterLazy(Type service, Func<object> factory)
    {
        var lazy = new Lazy<object>(factory);
        _factories[service] = () => lazy.Value;
    }

    public ITypeResolver Build() => new Resolver(this);

    private object Activate(Type type)
    {
        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var args = ctor.GetParameters().Select(p => Resolve(p.ParameterType)
            ?? throw new InvalidOperationException($"No registration for {p.ParameterType} needed by {type}.")).ToArray();
        return ctor.Invoke(args);
    }

    private object? Resolve(Type? type)
    {
        if (type is null) return null;
        if (_factories.TryGetValue(type, out var f)) return f();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            // Spectre asks for optional extension lists (e.g. help providers); one registration at most here.
            var element = type.GetGenericArguments()[0];
            var items = Array.CreateInstance(element, _factories.ContainsKey(element) ? 1 : 0);
            if (items.Length == 1) items.SetValue(_factories[element](), 0);
            return items;
        }
        return type.IsAbstract || type.IsInterface ? null : Activate(type);
    }

    private sealed class Resolver(Registrar registrar) : ITypeResolver
    {
        public object? Resolve(Type? type) => registrar.Resolve(type);
    }
}
