using Carter;
using KolibriSlices.Infrastructure.Database;
using KolibriSlices.Infrastructure.Http;

namespace KolibriSlices.Features.Exams.Exams;

/// <summary>/api/exams/exam/: quizzes, published (uuid ids) and drafts (integer ids), through their whole life.</summary>
public sealed class ExamsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/exams/exam").WithTags("Quizzes").WithMetadata(new KolibriView("Exam"));
        group.MapGet("/", ListExams.HandleAsync);
        group.MapGet("/size/", ExamSizes.HandleAsync);
        group.MapGet("/{id}/", GetExam.HandleAsync);
        group.MapPost("/", CreateExam.HandleAsync);
        group.MapPut("/{id}/", (HttpContext http, Db db, TimeProvider clock, string id) => UpdateExam.HandleAsync(http, db, clock, id, partial: false));
        group.MapPatch("/{id}/", (HttpContext http, Db db, TimeProvider clock, string id) => UpdateExam.HandleAsync(http, db, clock, id, partial: true));
        group.MapDelete("/{id}/", DeleteExam.HandleAsync);
    }
}
