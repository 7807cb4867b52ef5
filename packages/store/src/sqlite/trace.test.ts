import { sqliteLocations } from '../contracts/locations.ts';
import { traceContract } from '../contracts/trace.ts';

traceContract('sqlite', sqliteLocations('store-trace'));
