export { seededRandom } from '../../src/internal/seeded-random.js';
