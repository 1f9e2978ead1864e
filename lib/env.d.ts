// Set at build time (wxt.config.ts): true only in the test build the end-to-end tests and the benchmark drive.
interface ImportMetaEnv {
  readonly TK_TEST_BUILD?: boolean;
}
