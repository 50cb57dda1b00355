using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Streamer.Worker.Hosting;

/// <summary>Options validation by a validator generated at compile time (<see cref="OptionsValidatorAttribute"/>).</summary>
internal static class OptionsBuilderExtensions
{
    /// <summary>
    /// Validates the options with <typeparamref name="TValidator"/> instead of <c>ValidateDataAnnotations</c>, which
    /// reads every property by reflection and emitted an invoke stub for each on the start path.
    /// </summary>
    public static OptionsBuilder<TOptions> ValidateWith<TOptions, TValidator>(this OptionsBuilder<TOptions> builder)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return builder;
    }
}
