import { describeGeneralization } from "./generalization";

// part 3 of the evaluation over every domain (see `describeGeneralization`)
describeGeneralization(3, 3);
