using Microsoft.Extensions.Options;

namespace Streamer.Worker.Hosting;

/// <summary>Options validation by a validator generated at compile time (<see cref="OptionsValidatorAttribute"/>).</summary>
internal static class OptionsBuilderExtensions
{
    /// <summary>
    /// Validates the options with <typeparamref name="TValidator"/>, its failures prefixed with <paramref name="section"/>.
    /// It takes the place of <c>ValidateDataAnnotations</c>, which reads every property by reflection and emits and
    /// JIT-compiles an invoke stub for each on the start path.
    /// </summary>
    public static OptionsBuilder<TOptions> ValidateWith<TOptions, TValidator>(this OptionsBuilder<TOptions> builder, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>, new()
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new SectionValidator<TOptions>(section, new TValidator()));
        return builder;
    }
}
