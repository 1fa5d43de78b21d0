// The case records (StudyAnalysis …) are the application's; other areas' commands name them too.
global using TwoWay.Application.Cases;
