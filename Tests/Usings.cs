global using System.Net;
global using KolibriSlices.Tests.Infrastructure;
global using Newtonsoft.Json.Linq;
global using Snapshooter;
global using Snapshooter.Xunit;
global using Xunit;
global using Dapper;
