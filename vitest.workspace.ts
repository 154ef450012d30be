export default ["packages/sdk", "packages/simulator", "packages/examples", "packages/cli", "packages/reliability"]
