export * from './activity-writer';
