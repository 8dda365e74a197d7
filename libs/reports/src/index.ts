export * from './round-report';
export * from './report-summary';
export * from './score-distribution';
export * from './round-report-csv';
export * from './round-report.service';
export * from './fund-overview.service';
export * from './reports.module';
export * from './dto/round-report.dto';
