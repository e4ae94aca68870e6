using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OpenClaw.Gateway.Protocol;

namespace OpenClaw.Gateway.Rpc;

/// <summary>
/// Turns a request's raw <c>params</c> into the method's typed params: absent means <c>{}</c>, the closed schema is
/// enforced by the JSON contract, range and length rules by DataAnnotations. Every failure is one
/// <c>INVALID_REQUEST "invalid &lt;method&gt; params: …"</c>.
/// </summary>
internal static class RpcParamsBinder
{
    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    /// <param name="createEmpty">From <see cref="EmptyParamsFactory.For{TParams}"/>: used instead of the serializer when no params were sent.</param>
    public static TParams Bind<TParams>(string method, JsonElement? rawParams, JsonTypeInfo<TParams> paramsInfo, Func<TParams>? createEmpty = null)
    {
        TParams? value;
        try
        {
            value = createEmpty is not null && IsEmpty(rawParams) ? createEmpty()
                : rawParams is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } raw
                ? raw.Deserialize(paramsInfo)
                : JsonSerializer.Deserialize(EmptyObject, paramsInfo);
        }
        catch (JsonException exception)
        {
            throw Invalid(method, JsonErrorDescriber.Describe(exception));
        }

        if (value is null)
        {
            throw Invalid(method, "must be object");
        }

        if (!ParamsValidation<TParams>.HasRules)
        {
            return value;
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
        {
            throw Invalid(method, string.Join("; ", results.Select(r => r.ErrorMessage)));
        }

        return value;
    }

    private static bool IsEmpty(JsonElement? rawParams) =>
        rawParams is not { } raw
        || raw.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null
        || (raw.ValueKind == JsonValueKind.Object && raw.GetPropertyCount() == 0);

    private static RpcException Invalid(string method, string reasons) =>
        new(ErrorCodes.InvalidRequest, $"invalid {method} params: {reasons}");
}
