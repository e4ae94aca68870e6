using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace OpenClaw.Gateway.Rpc;

/// <summary>
/// Whether a params type has anything for <see cref="Validator"/> to check: a validation attribute on the type or a
/// public property, a metadata type, or <see cref="IValidatableObject"/>. Decided once per type, so params without
/// rules (most methods, <c>health</c> among them) skip the reflection-driven validator on every request.
/// </summary>
internal static class ParamsValidation<T>
{
    public static readonly bool HasRules = Inspect(typeof(T));

    private static bool Inspect(Type type) =>
        typeof(IValidatableObject).IsAssignableFrom(type)
        || type.IsDefined(typeof(ValidationAttribute), inherit: true)
        || type.IsDefined(typeof(MetadataTypeAttribute), inherit: true)
        || type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Any(property => property.IsDefined(typeof(ValidationAttribute), inherit: true));
}
