export { simForModel } from './sim-for-model.ts';
export {
  type MockServer,
  type MockServerOptions,
  type MockServerStats,
  startMockServer,
} from './start-mock-server.ts';
